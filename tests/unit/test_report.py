"""The outcomes report on a scripted history of runs, decisions and outcomes (golden JSON)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from state.outcomes import Outcome, OutcomeInput
from state.records import RunEvent
from tools.report import build_report

GOLDEN = Path(__file__).parent / "golden" / "report.json"
OWNERS = {"acc-a": "u-ann", "acc-b": "u-ann", "acc-c": "u-bo"}


def ev(event: str, run: str, account: str, time: str, claim: str | None = None) -> RunEvent:
    return RunEvent(
        key=f"{run}:{event}:{claim}",
        event=event,
        run_id=run,
        account_id=account,
        actor="x",
        claim_id=claim,
        time=time,
    )


def out(event: str, run: str, account: str, date: str, **fields: object) -> Outcome:
    return Outcome(
        event=event,
        run_id=run,
        account_id=account,
        actor="x",
        time=f"{date}T09:00:00+00:00",
        key=f"{run}-{event}-{date}",
        date=date,
        **fields,
    )


EVENTS = [
    ev("recap_created", "r1", "acc-a", "2026-10-01T10:00:00+00:00"),
    ev("claim_edited", "r1", "acc-a", "2026-10-01T12:00:00+00:00", "c1"),
    ev("claim_removed", "r1", "acc-a", "2026-10-01T12:00:00+00:00", "c2"),
    ev("decision_approved", "r1", "acc-a", "2026-10-02T10:00:00+00:00"),
    *[ev("claim_approved", "r1", "acc-a", "2026-10-02T10:00:00+00:00", f"c{i}") for i in (1, 3, 4, 5)],
    ev("recap_created", "r2", "acc-b", "2026-10-05T08:00:00+00:00"),
    ev("caveat_added", "r2", "acc-b", "2026-10-05T08:00:00+00:00", "v1"),
    ev("decision_rejected", "r2", "acc-b", "2026-10-05T14:00:00+00:00"),
    ev("recap_created", "r3", "acc-c", "2026-11-01T09:00:00+00:00"),
    ev("decision_approved", "r3", "acc-c", "2026-11-03T09:00:00+00:00"),
    ev("claim_approved", "r3", "acc-c", "2026-11-03T09:00:00+00:00", "k1"),
]
OUTCOMES = [
    out("recap_shared", "r1", "acc-a", "2026-10-03", audience="customer", channel="email"),
    out("customer_question", "r1", "acc-a", "2026-10-04", text="Can we add billing?", contact_id="con-1"),
    out("customer_decision", "r1", "acc-a", "2026-10-20", decision="renewed", text="Signed for two years."),
    out("renewal_supported", "r1", "acc-a", "2026-10-20"),
    out("expansion_action", "r3", "acc-c", "2026-11-10", text="40 more seats", amount=12000),
    out("customer_decision", "r3", "acc-c", "2026-11-12", decision="expanded"),
]


def test_report_on_a_scripted_history_matches_the_golden_json() -> None:
    report = build_report(EVENTS, OUTCOMES, OWNERS).model_dump(mode="json")
    if os.environ.get("RECAP_UPDATE_GOLDENS") == "1":  # regenerate on purpose, then review the diff
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(report, indent=2) + "\n")
    assert report == json.loads(GOLDEN.read_text())


def test_report_figures_are_the_ones_the_history_implies() -> None:
    report = build_report(EVENTS, OUTCOMES, OWNERS)
    ann, bo = report.by_owner["u-ann"], report.by_owner["u-bo"]
    assert (report.overall.recaps_created, report.overall.recaps_approved, report.overall.recaps_rejected) == (3, 2, 1)
    assert ann.share_edited_or_removed == round(2 / 5, 3)  # 1 edited + 1 removed over 4 approved + 1 removed
    assert ann.hours_to_decision_median == 15.0 and ann.hours_to_decision_p90 == 24.0  # 24 h and 6 h
    assert bo.expansion_amount == 12000 and bo.customer_decisions["expanded"] == 1
    assert [(a.account_id, a.decision) for a in report.renewed_or_expanded] == [
        ("acc-a", "renewed"),
        ("acc-c", "expanded"),
    ]


def test_since_and_owner_narrow_the_report() -> None:
    report = build_report(EVENTS, OUTCOMES, OWNERS, since="2026-11-01", owner="u-bo")
    assert list(report.by_owner) == ["u-bo"]
    assert report.overall.recaps_created == 1 and report.overall.customer_decisions["renewed"] == 0


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"event": "recap_shared", "channel": "email"}, "needs audience"),
        ({"event": "customer_question", "text": "Why?"}, "needs contact_id"),
        ({"event": "customer_decision", "decision": "upsold"}, "decision"),
        ({"event": "customer_decision"}, "needs decision"),
        ({"event": "expansion_action"}, "needs text"),
        ({"event": "renewal_supported", "amount": 5}, "amount is only allowed"),
        ({"event": "meeting_held"}, "event"),
        ({"event": "renewal_supported", "date": "03/04/2026"}, "ISO date"),
        ({"event": "renewal_supported", "txt": "typo"}, "txt"),
    ],
    ids=[
        "shared-no-audience",
        "question-no-contact",
        "unknown-decision",
        "decision-missing",
        "action-no-text",
        "amount-wrong-kind",
        "unknown-kind",
        "ambiguous-date",
        "unknown-field",
    ],
)
def test_invalid_outcomes_are_refused_naming_the_problem(fields: dict, problem: str) -> None:
    with pytest.raises(ValidationError) as exc:
        OutcomeInput.model_validate(fields)
    assert problem in str(exc.value)
