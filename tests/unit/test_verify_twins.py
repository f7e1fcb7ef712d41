"""False alarms the evals found, each as a benign twin that must pass beside a mutant that must still fail.

The example bundle gains a KPI measured in hours whose name holds the word 'Hours', a KPI whose name
holds 'until', and a feedback record that repeats another's words without permission to quote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from state.bundle import Bundle
from state.recap import FLAG_UNQUOTABLE, Claim
from tools.verify import verify_claim

RAW = json.loads((Path(__file__).parents[2] / "docs" / "example-bundle.json").read_text())
RAW["objective_kpis"].append(
    {
        "id": "kpi-nw-4",
        "objective_id": "obj-nw-2",
        "name": "Hours spent on month-end reporting",
        "unit": "hours",
        "baseline": 50,
        "target": 10,
        "direction": "decrease",
        "status": "Not Started",
        "updated_at": "2026-11-12",
    }
)
RAW["objective_kpis"].append(
    {
        "id": "kpi-nw-5",
        "objective_id": "obj-nw-2",
        "name": "Days until a new clinic is live",
        "unit": "days",
        "baseline": 30,
        "target": 10,
        "current": 14,
        "direction": "decrease",
        "status": "On Track",
        "updated_at": "2026-11-12",
    }
)
RAW["feedback"] += [
    {
        "id": "fb-nw-3",
        "date": "2026-09-01",
        "source": "Quote",
        "contact_id": "con-nw-1",
        "comment": "The team finally answers patients the same day.",
        "permission_to_quote": False,
    },
]
BUNDLE = Bundle.model_validate(RAW)
KPI1, KPI2, KPI3, HOURS, UNTIL = "kpi-nw-1", "kpi-nw-2", "kpi-nw-3", "kpi-nw-4", "kpi-nw-5"
DANA_SAYS = 'Dana Ruiz said "The team finally answers patients the same day."'


class Case(NamedTuple):
    id: str
    text: str
    cites: list[str]
    ok: bool
    reason: str = ""  # a fragment a reason must contain when not ok


STATUS_AND_NUMBERS = [
    # A number's unit ('5 hours') does not name the KPI called 'Hours spent on month-end reporting'.
    Case(
        "unit-word-status-twin",
        "Median first-response time: 12 → 5 hours against a target of 4 hours (On Track).",
        [KPI1, HOURS],
        True,
    ),
    Case(
        "unit-word-status-flip",
        "Median first-response time: 12 → 5 hours against a target of 4 hours (Off Track).",
        [KPI1, HOURS],
        False,
        "does not match kpi-nw-1",
    ),
    Case(
        "unit-word-number-twin",
        "Median first-response time moved from 12 hours to 5 hours against a target of 4 hours.",
        [KPI1, HOURS],
        True,
    ),
    Case(
        "unit-word-number-borrowed",
        "Median first-response time moved from 12 hours to 10 hours against a target of 4 hours.",
        [KPI1, HOURS],
        False,
        "the recorded current of kpi-nw-1 is 5",
    ),
    # The named KPI decides, even when another cited KPI has the stated status.
    Case("named-kpi-status-twin", "Median first-response time is on track.", [KPI1, KPI3], True),
    Case(
        "named-kpi-status-flip",
        "Appointments re-keyed manually per week is on track.",
        [KPI1, KPI3],
        False,
        "does not match kpi-nw-3",
    ),
    Case("named-after-in-clause-twin", "Not started: hours spent on month-end reporting.", [KPI2, HOURS], True),
    Case(
        "named-after-in-clause-flip",
        "Completed: hours spent on month-end reporting.",
        [KPI2, HOURS],
        False,
        "does not match kpi-nw-4",
    ),
    Case(
        "named-in-earlier-clause-twin",
        "Median first-response time fell to 5 hours. It is on track.",
        [KPI1, KPI3],
        True,
    ),
    Case(
        "named-in-earlier-clause-flip",
        "Appointments re-keyed manually per week fell to 850. It is on track.",
        [KPI1, KPI3],
        False,
        "does not match kpi-nw-3",
    ),
    # Unnamed, and true of one cited KPI but not the other: the claim does not say which (unverifiable).
    Case("unnamed-mixed-is-unverifiable", "Both goals have a KPI on track.", [KPI1, KPI3], False, "does not say which"),
    Case("unnamed-all-cited-agree", "Both KPIs are on track.", [KPI1, "kpi-nw-2"], False, "kpi-nw-2"),
    Case("only-kpi-flip", "It is on track.", [KPI3], False, "does not match kpi-nw-3"),
    # 'until' inside a KPI's name is not a condition ('hold until the risk is resolved').
    Case("until-in-name-twin", "Days until a new clinic is live: On Track, 30 → 14 days.", [UNTIL], True),
    Case(
        "until-in-name-flip",
        "Days until a new clinic is live: Off Track, 30 → 14 days.",
        [UNTIL],
        False,
        "does not match kpi-nw-5",
    ),
]


@pytest.mark.parametrize("case", STATUS_AND_NUMBERS, ids=[c.id for c in STATUS_AND_NUMBERS])
def test_status_and_number_attribution(case: Case) -> None:
    result = verify_claim(Claim(id=case.id, text=case.text, citations=case.cites), BUNDLE)
    assert result.supported is case.ok, result.reasons
    assert case.ok or any(case.reason in r for r in result.reasons), result.reasons


class QuoteCase(NamedTuple):
    id: str
    text: str
    cites: list[str]
    flagged: bool


PERMISSION = [
    # fb-nw-1 may be quoted; fb-nw-3 holds the same words without permission.
    QuoteCase("quote-cited-permitted-twin", DANA_SAYS, ["fb-nw-1", "con-nw-1"], False),
    QuoteCase("quote-cited-unquotable", DANA_SAYS, ["fb-nw-3", "con-nw-1"], True),
    QuoteCase("quote-cites-both", DANA_SAYS, ["fb-nw-1", "fb-nw-3", "con-nw-1"], False),
    QuoteCase("quote-uncited-but-permitted-words", DANA_SAYS, ["con-nw-1"], False),
    # fb-nw-2 is the only record with these words and may not be quoted.
    QuoteCase(
        "quote-uncited-unquotable", 'Omar Haddad wrote "Scheduling is still painful for my staff."', ["con-nw-2"], True
    ),
    QuoteCase(
        "quote-cited-unquotable-only-words",
        'Omar Haddad wrote "Scheduling is still painful for my staff."',
        ["fb-nw-2", "con-nw-2"],
        True,
    ),
]


@pytest.mark.parametrize("case", PERMISSION, ids=[c.id for c in PERMISSION])
def test_unquotable_flag_follows_the_cited_feedback(case: QuoteCase) -> None:
    result = verify_claim(Claim(id=case.id, text=case.text, citations=case.cites), BUNDLE)
    assert (FLAG_UNQUOTABLE in result.flags) is case.flagged, result.reasons
    notes = [r for r in result.reasons if "permission to quote" in r]
    assert bool(notes) is case.flagged
    if case.flagged and "fb-nw-3" in case.cites:
        assert notes == ["quotes feedback fb-nw-3, which has no permission to quote"]


def test_every_false_alarm_has_a_failing_mutant() -> None:
    assert {c.ok for c in STATUS_AND_NUMBERS} == {True, False}
    assert {c.flagged for c in PERMISSION} == {True, False}
