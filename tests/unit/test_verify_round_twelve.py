"""Round-12 verifier rules, found on the opened round-11 claims: each wrong claim has a twin that must pass."""

from __future__ import annotations

from typing import Any

import pytest
from example_variants import AS_OF, variant

from state.recap import Claim
from tools.verify import verify_claim

USAGE = ["use-nw-1", "use-nw-2"]
SEATS = {
    "use-nw-1": {"metric": "licensed_seats", "period": "2026-10", "value": 260},
    "use-nw-2": {"metric": "active_seats", "period": "2026-10", "value": 231},
}
DELIVERY = {"kpi-nw-2": {"name": "Reminder texts delivered", "current": 74, "target": 95, "status": "Off Track"}}

# (id, text, citations, changed records, expected verdict)
CASES: list[tuple[str, str, list[str], dict[str, Any], str]] = [
    # seats left over are 'left', 'unused', 'idle': '29 of 260 seats in use' is not
    ("seats-in-use-wrong", "29 of 260 seats in use.", USAGE, SEATS, "unverifiable"),
    ("seats-in-use-right", "231 of 260 seats in use.", USAGE, SEATS, "supported"),
    ("seats-unused", "29 of 260 seats unused.", USAGE, SEATS, "supported"),
    # 'a single hour' is one hour
    (
        "single-hour-wrong",
        "First response is at 5 hours against a target of a single hour.",
        ["kpi-nw-1"],
        {},
        "contradicted",
    ),
    ("single-hour-twin", "First response is at 5 hours against a target of four hours.", ["kpi-nw-1"], {}, "supported"),
    # 'fail for a quarter' at 74% delivered is the complement
    (
        "complement-right",
        "Reminder texts still fail for roughly a quarter of patients.",
        ["kpi-nw-2"],
        DELIVERY,
        "supported",
    ),
    (
        "complement-wrong",
        "Reminder texts now reach roughly a quarter of patients.",
        ["kpi-nw-2"],
        DELIVERY,
        "contradicted",
    ),
    # a percent after a change in its clause may be the same change as a percent (12 -> 5 hours is -58%)
    ("change-as-percent", "First response is down 7 hours, about 58%.", ["kpi-nw-1"], {}, "supported"),
    ("change-as-percent-wrong", "First response is down 7 hours, about 40%.", ["kpi-nw-1"], {}, "unverifiable"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round_twelve_rule(case: tuple[str, str, list[str], dict[str, Any], str]) -> None:
    case_id, text, citations, changes, verdict = case
    claim = verify_claim(Claim(id=case_id, text=text, citations=citations), variant(changes), 0.5, as_of=AS_OF)
    assert claim.verdict == verdict, claim.reasons
