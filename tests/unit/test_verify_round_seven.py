"""Round-7 verifier rules, found on the opened round-6 claims: each wrong claim has a twin that must pass.

Each case changes a few fields of the example bundle's records, so the rule is tested on the records it needs.
"""

from __future__ import annotations

from typing import Any

import pytest
from example_variants import AS_OF, variant

from state.recap import Claim
from tools.verify import verify_claim

TASKS = ["pt-nw-1", "pt-nw-2", "pt-nw-3"]
QUARTERLY = {"kpi-nw-3": {"unit": "appointments per quarter"}}
NINEFOLD = {"kpi-nw-3": {"current": 100}}
SEATS_AND_MAU = {
    "use-nw-1": {"metric": "licensed_seats", "period": "2026-10", "value": 120},
    "use-nw-2": {"metric": "monthly_active_users", "period": "2026-10", "value": 108},
}
NOT_YET_DUE = {"pt-nw-3": {"status": "Open", "due_date": "2026-12-15"}}
PAST_DUE = {"pt-nw-3": {"status": "Open", "due_date": "2026-11-15"}}
WORST = {"risk-nw-1": {"description": "This is the worst delay the clinic has had with a vendor."}}
AT_41 = {"kpi-nw-2": {"current": 41}}
FORECAST = {"kpi-nw-2": {"name": "Enquiry forecast accuracy"}}
OPEN_MITIGATING = {  # three risks: two Open, one Mitigating (open in the looser sense)
    "+risks": [
        {
            "id": "risk-nw-2",
            "title": "Budget review for next year",
            "severity": "Medium",
            "status": "Open",
            "opened": "2026-11-01",
            "description": "Finance reviews all tools in December.",
        },
        {
            "id": "risk-nw-3",
            "title": "Staffing gap on the night shift",
            "severity": "Low",
            "status": "Mitigating",
            "opened": "2026-10-12",
            "description": "Two agents left; cover is being hired.",
        },
    ]
}

# (id, text, citations, changed records, expected verdict)
CASES: list[tuple[str, str, list[str], dict[str, Any], str]] = [
    # 'a quarter' after an amount is the period of the amount, not a fraction
    (
        "per-quarter",
        "Manual re-keying fell from 900 to 850 appointments a quarter.",
        ["kpi-nw-3"],
        QUARTERLY,
        "supported",
    ),
    ("quarter-share", "Manual re-keying fell by a quarter, from 900 to 850.", ["kpi-nw-3"], QUARTERLY, "contradicted"),
    # 'an hour and a half' is one amount
    (
        "hour-and-a-half",
        "Median first-response time is down from 12 hours to an hour and a half.",
        ["kpi-nw-1"],
        {"kpi-nw-1": {"current": 1.5}},
        "supported",
    ),
    (
        "hours-and-a-half-wrong",
        "Median first-response time is down from 12 hours to two hours and a half.",
        ["kpi-nw-1"],
        {"kpi-nw-1": {"current": 1.5}},
        "contradicted",
    ),
    # 'N more X than in August' is a change since August, not August's value
    (
        "more-than-in",
        "23 more weekly active agents than in August (61 to 84).",
        ["use-nw-1", "use-nw-2"],
        {},
        "supported",
    ),
    (
        "more-than-in-wrong",
        "30 more weekly active agents than in August.",
        ["use-nw-1", "use-nw-2"],
        {},
        "unverifiable",
    ),
    # multipliers written with -fold, falling with a falling verb
    ("ninefold", "Manual re-keying fell ninefold, from 900 to 100.", ["kpi-nw-3"], NINEFOLD, "supported"),
    ("tenfold", "Manual re-keying fell tenfold, from 900 to 100.", ["kpi-nw-3"], NINEFOLD, "contradicted"),
    ("rose-ninefold", "Manual re-keying rose ninefold, from 900 to 100.", ["kpi-nw-3"], NINEFOLD, "contradicted"),
    # a superlative compound is a superlative; a record's superlative backs only its own clause
    ("superlative-compound", "Lena Park runs the highest-margin clinics.", ["con-nw-3"], {}, "unverifiable"),
    ("record-superlative", "The EHR block is the worst delay the clinic has had.", ["risk-nw-1"], WORST, "supported"),
    ("superlative-moved", "The EHR block is the worst delay in healthcare.", ["risk-nw-1"], WORST, "unverifiable"),
    # 'on or before due date' is timing, with or without a determiner
    ("on-or-before", "Both launch tasks finished on or before due date.", TASKS[:2], {}, "supported"),
    (
        "on-or-before-late",
        "Both launch tasks finished on or before due date.",
        TASKS[:2],
        {"pt-nw-2": {"completed_date": "2026-08-02"}},
        "contradicted",
    ),
    (
        "both-on-time-late",
        "Both tasks finished on time.",
        TASKS[:2],
        {"pt-nw-2": {"completed_date": "2026-08-02"}},
        "contradicted",
    ),
    ("both-on-time", "Both tasks finished on time.", TASKS[:2], {}, "supported"),
    (
        "both-possessive",
        "Both of the first objective's KPIs are Completed.",
        ["obj-nw-1", "kpi-nw-1", "kpi-nw-2"],
        {},
        "contradicted",
    ),
    (
        "both-possessive-right",
        "Both of the first objective's KPIs are On Track or better.",
        ["obj-nw-1", "kpi-nw-1", "kpi-nw-2"],
        {},
        "supported",
    ),
    # 'of any stakeholder' is the set a 'longest gap' is taken over: all of the account's contacts
    (
        "longest-of-all",
        "Of all three stakeholders, Lena Park has gone longest without contact.",
        ["con-nw-3", "con-nw-1", "con-nw-2"],
        {},
        "supported",
    ),
    (
        "longest-of-all-wrong",
        "Dana Ruiz was last engaged on 28 October, the longest gap of any stakeholder.",
        ["con-nw-1", "con-nw-2"],
        {},
        "contradicted",
    ),
    # a direction of change without a number must match the cited series it speaks of
    ("bare-rise", "Weekly active agents rose.", ["use-nw-1", "use-nw-2"], {}, "supported"),
    ("bare-fall", "Weekly active agents fell every month.", ["use-nw-1", "use-nw-2"], {}, "contradicted"),
    ("kpi-gains", "The response-time gains are holding.", ["kpi-nw-1"], {}, "supported"),
    ("bare-fall-no-series", "Patient satisfaction declined.", ["risk-nw-1"], {}, "unverifiable"),
    # a count read as the recorded status word ('open' = Open) holds, and the records it lists must have it
    (
        "open-as-recorded",
        "Two open risks: the EHR block and the budget review.",
        ["risk-nw-1", "risk-nw-2", "risk-nw-3"],
        OPEN_MITIGATING,
        "supported",
    ),
    (
        "open-listed-mitigating",
        "Two open risks: the EHR block and the staffing gap.",
        ["risk-nw-1", "risk-nw-2", "risk-nw-3"],
        OPEN_MITIGATING,
        "contradicted",  # round 10: an 'open' risk is one with the Open status, so the Mitigating one is not
    ),
    # a contact's influence is a level counts can state
    (
        "influence-count",
        "Two of the three contacts carry high influence.",
        ["con-nw-1", "con-nw-2", "con-nw-3"],
        {},
        "supported",
    ),
    (
        "influence-count-wrong",
        "Three of the three contacts carry high influence.",
        ["con-nw-1", "con-nw-2", "con-nw-3"],
        {},
        "unverifiable",
    ),
    # a year written short is a year
    ("short-year", "ARR $240k, renewal 31 Mar '27.", ["acc-northwind"], {}, "supported"),
    ("short-year-wrong", "ARR $240k, renewal 31 Mar '28.", ["acc-northwind"], {}, "unverifiable"),
    # 'at peak' is the busy time, not a record value
    ("at-peak", "Median first-response time at peak: 12 to 5 hours.", ["kpi-nw-1"], {}, "supported"),
    ("peaked", "Weekly active agents peaked at 84.", ["use-nw-2"], {}, "unverifiable"),
    # a multiplier written with digits and -fold
    ("digits-fold", "Self-service grew 3.6-fold, from 10% to 36%.", ["kpi-nw-2"], {}, "supported"),
    ("digits-fold-wrong", "Self-service grew 4-fold, from 10% to 36%.", ["kpi-nw-2"], {}, "unverifiable"),
    # a bound between 'beat its target by' and the points
    ("beat-by-more-than", "Self-service beat its target by more than five points.", ["kpi-nw-2"], AT_41, "supported"),
    (
        "beat-by-more-than-wrong",
        "Self-service beat its target by more than eight points.",
        ["kpi-nw-2"],
        AT_41,
        "unverifiable",
    ),
    # words a universal's noun is narrowed by, and no judge reads, make it unverifiable rather than contradicted
    (
        "universal-narrowed",
        "None of the weekend-shift KPIs is Completed.",
        ["kpi-nw-1", "kpi-nw-2"],
        {},
        "unverifiable",
    ),
    ("universal-plain", "None of the KPIs is Completed.", ["kpi-nw-1", "kpi-nw-2"], {}, "contradicted"),
    # a universal with exceptions is not checked (and not contradicted)
    ("all-except", "All tasks except the scheduling API are Completed.", TASKS, {}, "unverifiable"),
    ("all-wrong", "All tasks are Completed.", TASKS, {}, "contradicted"),
    # a number's noun names the usage metric it is a value of
    ("mau-right", "108 MAU on 120 seats in October.", ["use-nw-1", "use-nw-2"], SEATS_AND_MAU, "supported"),
    ("mau-borrowed", "120 MAU on 120 seats in October.", ["use-nw-1", "use-nw-2"], SEATS_AND_MAU, "unverifiable"),
    # a shortened name is a name: 'Forecast accuracy' is no forecast
    ("name-word", "Forecast accuracy reached 36%, above the 35% target.", ["kpi-nw-2"], FORECAST, "supported"),
    ("forecast-verb", "We forecast accuracy will reach 40% by March.", ["kpi-nw-2"], FORECAST, "unverifiable"),
    # 'none at all' is no universal
    (
        "none-at-all",
        "Self-service went from none at all to 36%.",
        ["kpi-nw-2"],
        {"kpi-nw-2": {"baseline": 0}},
        "supported",
    ),
    # 'only one High risk' is a count of one High risk
    ("only-one-high", "Only one High risk is open.", ["risk-nw-1"], {}, "supported"),
    ("two-high", "Two High risks are open.", ["risk-nw-1"], {}, "unverifiable"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round_seven_rule(case: tuple[str, str, list[str], dict[str, Any], str]) -> None:
    case_id, text, citations, changes, verdict = case
    claim = verify_claim(Claim(id=case_id, text=text, citations=citations), variant(changes), 0.5, as_of=AS_OF)
    assert claim.verdict == verdict, claim.reasons


@pytest.mark.parametrize(("changes", "verdict"), [(NOT_YET_DUE, "supported"), (PAST_DUE, "contradicted")])
def test_acting_ahead_of_a_due_date_is_advice_only_while_the_work_is_not_yet_due(
    changes: dict[str, Any], verdict: str
) -> None:
    claim = Claim(
        id="ahead",
        text="Connect the scheduling API ahead of its due date.",
        citations=["pt-nw-3"],
        kind="recommendation",
        owner="Lena Park",
        due="2026-12-10",
    )
    verified = verify_claim(claim, variant(changes), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(("kind", "verdict"), [("recommendation", "supported"), (None, "contradicted")])
def test_a_proposed_change_may_start_from_the_current_value(kind: str | None, verdict: str) -> None:
    claim = Claim(
        id="from-now",
        text="Bring median first-response time from 5 hours to the 4-hour target.",
        citations=["kpi-nw-1"],
        kind=kind,
        owner="Omar Haddad" if kind else None,
        due="2027-01-31" if kind else None,
    )
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons
