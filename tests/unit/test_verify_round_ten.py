"""Round-10 verifier rules, found on the opened round-9 claims: each wrong claim has a twin that must pass.

Each case changes a few fields of the example bundle's records, so the rule is tested on the records it needs.
"""

from __future__ import annotations

from typing import Any

import pytest
from example_variants import AS_OF, variant

from state.recap import Claim
from tools.verify import verify_claim

TASKS = ["pt-nw-1", "pt-nw-2", "pt-nw-3"]
SEATS = {
    "use-nw-1": {"metric": "licensed_staff_seats", "period": "2026-10", "value": 45},
    "use-nw-2": {"metric": "active_staff_seats", "period": "2026-10", "value": 38},
}

# (id, text, citations, changed records, expected verdict)
CASES: list[tuple[str, str, list[str], dict[str, Any], str]] = [
    # relationships, causes, preferences and authorship no record states
    ("reports-directly", "Omar Haddad reports directly to Dana Ruiz.", ["con-nw-1", "con-nw-2"], {}, "unverifiable"),
    ("which-is-why", "Self-service is at 36%, which is why call volumes fell.", ["kpi-nw-2"], {}, "unverifiable"),
    ("came-from", "The response gains came mainly from the triage macros.", ["kpi-nw-1"], {}, "unverifiable"),
    ("prefer", "Patients prefer the FAQ bot to calling.", ["pt-nw-1"], {}, "unverifiable"),
    ("authored", "Lena Park authored the scheduling integration plan.", ["con-nw-3", "pt-nw-3"], {}, "unverifiable"),
    ("plain-twin", "Self-service is at 36%.", ["kpi-nw-2"], {}, "supported"),
    # 'the second of them' is said of one member, not of all
    (
        "second-of-them",
        "Both launch tasks were completed, the second of them two days ahead of its 31 July due date.",
        TASKS[:2],
        {},
        "supported",
    ),
    (
        "second-of-them-wrong",
        "Both launch tasks were completed, the second of them a day late for its 31 July due date.",
        TASKS[:2],
        {},
        "contradicted",
    ),
    # a seat count less an active-seat count of the same month
    ("idle-seats", "Seven licensed staff seats sat idle in October.", ["use-nw-1", "use-nw-2"], SEATS, "supported"),
    (
        "idle-seats-wrong",
        "Nine licensed staff seats sat idle in October.",
        ["use-nw-1", "use-nw-2"],
        SEATS,
        "unverifiable",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round_ten_rule(case: tuple[str, str, list[str], dict[str, Any], str]) -> None:
    case_id, text, citations, changes, verdict = case
    claim = verify_claim(Claim(id=case_id, text=text, citations=citations), variant(changes), 0.5, as_of=AS_OF)
    assert claim.verdict == verdict, claim.reasons


@pytest.mark.parametrize(("task", "verdict"), [("pt-nw-2", "contradicted"), ("pt-nw-3", "supported")])
def test_a_recommendation_to_finish_work_already_completed(task: str, verdict: str) -> None:
    claim = Claim(
        id="finish",
        text="Finish the remaining work on this task with Lena.",
        citations=[task, "con-nw-3"],
        kind="recommendation",
        owner="Lena Park",
        due="2026-12-10",
    )
    verified = verify_claim(claim, variant({}), 0.5, as_of=AS_OF)
    assert verified.verdict == verdict, verified.reasons


def test_n_more_since_baseline_is_not_the_baseline() -> None:
    text = "Re-keying: 50 fewer appointments since baseline (900 to 850)."
    verified = verify_claim(Claim(id="since", text=text, citations=["kpi-nw-3"]), variant({}), 0.5, as_of=AS_OF)
    assert not any("baseline value" in reason for reason in verified.reasons), verified.reasons
    assert verified.verdict != "contradicted", verified.reasons
