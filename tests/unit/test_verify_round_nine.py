"""Round-9 verifier rules, found on the opened round-8 claims: each wrong claim has a twin that must pass.

Each case changes a few fields of the example bundle's records, so the rule is tested on the records it needs.
"""

from __future__ import annotations

from typing import Any

import pytest
from example_variants import AS_OF, another_risk, variant

from state.recap import Claim
from tools.verify import verify_claim

DONE_LATE = {"pt-nw-2": {"due_date": "2026-07-31", "completed_date": "2026-08-02"}}
SELF_SERVICE_31 = {"kpi-nw-2": {"current": 31, "target": 45, "baseline": 18, "status": "Off Track"}}
MONTHLY_BOOKINGS = {
    "use-nw-1": {"metric": "online_bookings", "period": "2026-07", "value": 1190},
    "use-nw-2": {"metric": "online_bookings", "period": "2026-10", "value": 2460},
    "kpi-nw-3": {"name": "Clinics with online booking live", "unit": "clinics", "baseline": 0, "current": 14},
}
USAGE_AND_CLINICS = ["use-nw-1", "use-nw-2", "kpi-nw-3"]

# (id, text, citations, changed records, expected verdict)
CASES: list[tuple[str, str, list[str], dict[str, Any], str]] = [
    # a feedback giver named by a title only one contact holds
    ("title-giver-right", "The VP Patient Operations gave us an NPS of 9.", ["fb-nw-1", "con-nw-1"], {}, "supported"),
    (
        "title-giver-wrong",
        "The Contact Center Manager gave us an NPS of 9.",
        ["fb-nw-1", "con-nw-2"],
        {},
        "contradicted",
    ),
    # 'a third of <things>' for a percent KPI is its value, whatever change the clause also states
    (
        "share-of-whole-wrong",
        "More than a third of enquiries are now answered by self-service, up from 18%.",
        ["kpi-nw-2"],
        SELF_SERVICE_31,
        "contradicted",
    ),
    (
        "share-of-whole-right",
        "Nearly a third of enquiries are now answered by self-service, up from 18%.",
        ["kpi-nw-2"],
        SELF_SERVICE_31,
        "supported",
    ),
    # a date given to an act of finishing is the day it was finished
    ("finished-on-due-date", "Agent training was completed on 31 July.", ["pt-nw-2"], DONE_LATE, "contradicted"),
    ("finished-on-done-date", "Agent training was completed on 2 August.", ["pt-nw-2"], DONE_LATE, "supported"),
    ("due-date-stated", "Agent training was due on 31 July.", ["pt-nw-2"], DONE_LATE, "supported"),
    # 'N days before it was due' is timing, not a baseline
    ("days-before-due", "Agent training finished two days before it was due.", ["pt-nw-2"], {}, "supported"),
    # 'below target at N' gives where the value is now
    ("below-target-at", "Re-keying sits 750 above target at 850 a week.", ["kpi-nw-3"], {}, "supported"),
    ("target-at-wrong", "Re-keying target at 850 a week.", ["kpi-nw-3"], {}, "contradicted"),
    # a subject noun picks the record a status is said of
    ("subject-noun-right", "The re-keying measure is off track.", ["kpi-nw-3", "pt-nw-3"], {}, "supported"),
    ("subject-noun-wrong", "The re-keying measure is blocked.", ["kpi-nw-3", "pt-nw-3"], {}, "contradicted"),
    # 'has since been met' is time, not a cause
    (
        "since-then",
        "Self-service is at 36% and has since been marked Completed.",
        ["kpi-nw-2"],
        {},
        "supported",
    ),
    # a month's value is a usage value; a number's noun picks a record whose unit it can be
    (
        "month-value-right",
        "Patients booked about 2,500 appointments online in October, up from under 1,200 in July.",
        USAGE_AND_CLINICS,
        MONTHLY_BOOKINGS,
        "supported",
    ),
    (
        "month-value-wrong",
        "Patients booked about 1,200 appointments online in October.",
        USAGE_AND_CLINICS,
        MONTHLY_BOOKINGS,
        "contradicted",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round_nine_rule(case: tuple[str, str, list[str], dict[str, Any], str]) -> None:
    case_id, text, citations, changes, verdict = case
    claim = verify_claim(Claim(id=case_id, text=text, citations=citations), variant(changes), 0.5, as_of=AS_OF)
    assert claim.verdict == verdict, claim.reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # ', who raised it ...' after a name is no title
        ("Scope the API work with Lena Park, who raised it at the executive review in November.", "supported"),
        # a wish about the work is not its state; a season's peak is not a record value
        ("Lena wants the scheduling API done before the January peak; agree a date with her.", "supported"),
        # a reason joining facts of several cited records
        (
            "Agree a new date with Lena, since the scheduling API task is blocked and re-keying is off track.",
            "supported",
        ),
        ("Agree a new date with Lena, since the vendor lost the contract paperwork.", "unverifiable"),
    ],
)
def test_recommendation_wording(text: str, verdict: str) -> None:
    claim = Claim(
        id="rec",
        text=text,
        citations=["pt-nw-3", "kpi-nw-3", "con-nw-3", "act-nw-2"],
        kind="recommendation",
        owner="Lena Park",
        due="2026-12-10",
    )
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


SEATS = {
    "use-nw-1": {"metric": "licensed_seats", "period": "2026-10", "value": 250},
    "use-nw-2": {"metric": "monthly_active_users", "period": "2026-10", "value": 232},
}


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("232 of 250 seats are in use, so fewer than 20 are left.", "supported"),
        ("232 of 250 seats are in use, so 28 are left.", "unverifiable"),
    ],
)
def test_seats_left_are_seats_less_active_users(text: str, verdict: str) -> None:
    verified = verify_claim(Claim(id="seats", text=text, citations=["use-nw-1", "use-nw-2"]), variant(SEATS), 0.5)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(("points", "verdict"), [("26", "supported"), ("20", "unverifiable")])
def test_points_up_to_a_value_are_a_change(points: str, verdict: str) -> None:
    text = f"Self-service is up {points} points to 36%."
    verified = verify_claim(Claim(id="pts", text=text, citations=["kpi-nw-2"]), variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(("count", "verdict"), [("One", "supported"), ("Two", "unverifiable")])
def test_an_open_risk_has_the_open_status_not_mitigating(count: str, verdict: str) -> None:
    bundle = variant({"+risks": [another_risk(id="risk-nw-2", title="Night cover", status="Mitigating")]})
    claim = Claim(id="open", text=f"{count} of the two risks open.", citations=["risk-nw-1", "risk-nw-2"])
    verified = verify_claim(claim, bundle, 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons
