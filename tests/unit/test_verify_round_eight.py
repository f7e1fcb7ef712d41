"""Round-8 verifier rules, found on the opened round-7 claims: each wrong claim has a twin that must pass.

Each case changes a few fields of the example bundle's records, so the rule is tested on the records it needs.
"""

from __future__ import annotations

from typing import Any

import pytest
from example_variants import AS_OF, variant

from state.recap import Claim
from tools.verify import verify_claim

KPIS = ["kpi-nw-1", "kpi-nw-2", "kpi-nw-3"]
TASKS = ["pt-nw-1", "pt-nw-2", "pt-nw-3"]
USAGE = ["use-nw-1", "use-nw-2"]
CRITICAL = {"risk-nw-1": {"severity": "Critical"}}
SPOILED = {"kpi-nw-3": {"name": "Spoiled stock written off per week", "unit": "kg"}}
AT_33 = {"kpi-nw-2": {"current": 33, "status": "On Track"}}
CHALLENGES = ["bc-nw-1", "bc-nw-2"]
TWO_HIGH = {"bc-nw-2": {"priority": "High"}}
MONTHLY = {"use-nw-1": {"metric": "active_agents"}, "use-nw-2": {"metric": "active_agents"}}

# (id, text, citations, changed records, expected verdict)
CASES: list[tuple[str, str, list[str], dict[str, Any], str]] = [
    # the account's segment is a recorded fact (Northwind is Enterprise)
    ("segment-right", "Northwind Health is an Enterprise account.", ["acc-northwind"], {}, "supported"),
    ("segment-wrong", "Northwind's a mid-market customer these days.", ["acc-northwind"], {}, "contradicted"),
    # 'critical' ending its clause is a severity; 'none' negates it
    ("critical-right", "The EHR integration risk is critical.", ["risk-nw-1"], CRITICAL, "supported"),
    ("critical-wrong", "The EHR integration risk is critical.", ["risk-nw-1"], {}, "contradicted"),
    ("none-critical-wrong", "One risk open, none critical.", ["risk-nw-1"], CRITICAL, "contradicted"),
    ("none-critical-right", "One risk open, none critical.", ["risk-nw-1"], {}, "supported"),
    # a time word right after a number puts it in the current role
    ("now-after-wrong", "Median first response: 12 hours now, target 4.", ["kpi-nw-1"], {}, "contradicted"),
    ("now-after-right", "Median first response: 5 hours now, target 4.", ["kpi-nw-1"], {}, "supported"),
    # an approximate multiplier is within 7.5%: 10 to 36 is x3.6
    ("approx-multiplier-wrong", "Self-service answers are up ~4x since the launch.", ["kpi-nw-2"], {}, "unverifiable"),
    ("approx-multiplier-right", "Self-service answers are up ~3.5x since the launch.", ["kpi-nw-2"], {}, "supported"),
    # how often something happens must be a period a cited record speaks of
    ("daily-unbacked", "Agents log in to the console every day.", USAGE, MONTHLY, "unverifiable"),
    ("weekly-backed", "Agents are active on the console every week: 84 in October.", USAGE, {}, "supported"),
    ("monthly-usage", "84 agents were active on the console monthly by October.", USAGE, MONTHLY, "supported"),
    # a count's list names records by a noun of their name ('spoilage' for 'Spoiled stock written off')
    ("listed-spoilage-wrong", "One KPI is On Track: spoilage.", KPIS, SPOILED, "contradicted"),
    ("listed-spoilage-right", "One KPI is Off Track: spoilage.", KPIS, SPOILED, "supported"),
    # a bound may stand between 'from' and the baseline
    ("from-roughly-right", "First response fell from roughly 12 hours to about 5.", ["kpi-nw-1"], {}, "supported"),
    ("from-roughly-wrong", "First response rose from roughly 5 hours to about 12.", ["kpi-nw-1"], {}, "contradicted"),
    # 'N better than the target' is a gap to the target
    (
        "better-than-right",
        "Self-service answers 36% of enquiries, a point better than the 35% target.",
        ["kpi-nw-2"],
        {},
        "supported",
    ),
    (
        "better-than-wrong",
        "Self-service answers 36% of enquiries, 3 points better than the 35% target.",
        ["kpi-nw-2"],
        {},
        "unverifiable",
    ),
    # 'seven points of its goal' counts points, not goals
    ("points-of-goal", "Self-service is at 33%, within two points of its 35% goal.", ["kpi-nw-2"], AT_33, "supported"),
    (
        "points-of-goal-wrong",
        "Self-service is at 33%, within five points of its 35% goal.",
        ["kpi-nw-2"],
        AT_33,
        "unverifiable",
    ),
    # the account's possessive says whose records, it does not narrow them
    ("possessive-count-right", "One of the clinic's three KPIs is Off Track.", KPIS, {}, "supported"),
    ("possessive-count-wrong", "Two of the clinic's three KPIs are Off Track.", KPIS, {}, "contradicted"),
    # 'unfinished' is not done, whatever stage the work is at (pt-nw-3 is the only open task)
    ("unfinished-right", "One of the three playbook tasks is unfinished.", TASKS, {}, "supported"),
    ("unfinished-wrong", "Two of the three playbook tasks are unfinished.", TASKS, {}, "unverifiable"),
    # a bare 'one' opening a clause after a count counts the same records
    ("one-after-count-right", "Three KPIs tracked; one completed.", KPIS, {}, "supported"),
    ("one-after-count-wrong", "Three KPIs tracked; one off track, one blocked.", KPIS, {}, "unverifiable"),
    # a second quantifier after a comma starts its own statement
    ("none-then-both-right", "None of the tasks is outstanding, both done.", TASKS[:2], {}, "supported"),
    ("none-then-both-wrong", "None of the tasks is outstanding, both done.", TASKS[::2], {}, "contradicted"),
    # the whole of 'one of the two High-priority challenges' must have that property too
    (
        "whole-with-level-right",
        "Phone backlog is one of the two High-priority challenges.",
        CHALLENGES,
        TWO_HIGH,
        "supported",
    ),
    (
        "whole-with-level-wrong",
        "Phone backlog is one of the two High-priority challenges.",
        CHALLENGES,
        {},
        "unverifiable",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round_eight_rule(case: tuple[str, str, list[str], dict[str, Any], str]) -> None:
    case_id, text, citations, changes, verdict = case
    claim = verify_claim(Claim(id=case_id, text=text, citations=citations), variant(changes), 0.5, as_of=AS_OF)
    assert claim.verdict == verdict, claim.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Review active agents with Omar every week until the integration ships.",  # a rhythm proposed
        "Move Northwind up to the Strategic tier at renewal.",  # a plan offered, not the segment they are in
    ],
)
def test_a_recommendation_proposes_a_rhythm_or_a_tier(text: str) -> None:
    claim = Claim(
        id="rec",
        text=text,
        citations=[*USAGE, "acc-northwind", "con-nw-2"],
        kind="recommendation",
        owner="Omar Haddad",
        due="2026-12-10",
    )
    verified = verify_claim(claim, variant(MONTHLY), 0.5, as_of=AS_OF)
    assert verified.verdict == "supported", verified.reasons


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({"pt-nw-3": {"status": "Open", "due_date": "2026-11-15"}}, "contradicted"),
        ({"pt-nw-3": {"status": "Open", "due_date": "2026-12-03"}}, "supported"),
    ],
)
def test_work_already_overdue_is_not_due_next_week(changes: dict[str, Any], verdict: str) -> None:
    claim = Claim(
        id="due-next-week",
        text="Chase the scheduling API connection, due next week.",
        citations=["pt-nw-3"],
        kind="recommendation",
        owner="Lena Park",
        due="2026-11-27",
    )
    verified = verify_claim(claim, variant(changes), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


def test_a_condition_on_what_will_happen_is_not_in_the_records() -> None:
    claim = Claim(
        id="unless", text="The renewal is at risk unless the EHR vendor opens its API.", citations=["risk-nw-1"]
    )
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == "unverifiable", verified.reasons
    assert any("unless" in reason for reason in verified.reasons)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Omar expects another four to six weeks before the vendor opens the API.", "supported"),
        ("Omar expects 4-6 more weeks before the vendor opens the API.", "supported"),
        ("Omar expects another two to three weeks before the vendor opens the API.", "unverifiable"),
        ("Omar expects 2-3 more weeks before the vendor opens the API.", "unverifiable"),
    ],
)
def test_time_still_needed_is_the_recorded_estimate_not_time_elapsed(text: str, verdict: str) -> None:
    changes = {"act-nw-2": {"notes": "Vendor has not granted API access. Omar expects another four to six weeks."}}
    claim = Claim(id="more-weeks", text=text, citations=["act-nw-2", "con-nw-2"])
    verified = verify_claim(claim, variant(changes), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the reason is written in the cited record: why to act is the recommendation's own
        ("Chase the EHR vendor with Lena, since the integration has been blocked for six weeks.", "supported"),
        ("Chase the EHR vendor with Lena so that the January go-live holds.", "supported"),
        # a reason no cited record writes
        ("Chase the EHR vendor with Lena, since the vendor lost the contract paperwork.", "unverifiable"),
    ],
)
def test_a_recommendation_may_give_its_reason_when_a_record_writes_it(text: str, verdict: str) -> None:
    claim = Claim(
        id="why",
        text=text,
        citations=["act-nw-2", "con-nw-3"],
        kind="recommendation",
        owner="Lena Park",
        due="2026-12-10",
    )
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Lena is chasing the EHR vendor for the Boston clinics.", "unverifiable"),  # a place no record holds
        ("Lena is chasing the EHR vendor for Northwind Health.", "supported"),  # the account's own name
        ("Lena is chasing the EHR vendor; the integration is Blocked.", "supported"),  # a status word, judged
    ],
)
def test_a_capitalised_name_no_record_holds_is_unverifiable(text: str, verdict: str) -> None:
    claim = Claim(id="place", text=text, citations=["act-nw-2", "con-nw-3", "pt-nw-3", "acc-northwind"])
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 'only' before a verb or a degree word is 'merely', not a universal
        ("Manual re-keying has only moved from 900 to 850 a week.", "supported"),
        ("Manual re-keying eased only slightly, from 900 to 850 a week.", "supported"),
        ("Self-service is the only KPI that is Completed.", "contradicted"),  # first response is Completed too
    ],
)
def test_only_as_merely_is_not_a_universal(text: str, verdict: str) -> None:
    bundle = variant({"kpi-nw-1": {"status": "Completed"}})
    verified = verify_claim(Claim(id="only", text=text, citations=KPIS), bundle, 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


@pytest.mark.parametrize(("rate", "verdict"), [("about 23%", "supported"), ("about 32%", "unverifiable")])
def test_a_rate_of_two_counts_one_note_states(rate: str, verdict: str) -> None:
    changes = {"act-nw-1": {"notes": "Outreach reached 4,850 lapsed patients and 1,120 of them booked again."}}
    text = f"Outreach reached 4,850 lapsed patients and 1,120 booked again, {rate} of those reached."
    verified = verify_claim(Claim(id="rate", text=text, citations=["act-nw-1"]), variant(changes), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons
