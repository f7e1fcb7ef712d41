"""Measurement events (spec section 7), derived from a run's state with keys that make them log once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from state.recap import Recap
from state.records import DecisionRecord, RunEvent, RunRecord
from tools.runs import now


def _event(
    run: RunRecord, name: str, key: str, actor: str, claim_id: str | None = None, time: str | None = None
) -> RunEvent:
    return RunEvent(
        key=f"{run.run_id}:{key}",
        event=name,
        run_id=run.run_id,
        account_id=run.account_id,
        actor=actor,
        claim_id=claim_id,
        time=time or now(),
    )


def created_events(run: RunRecord, recap: Recap | None) -> list[RunEvent]:
    """Events for a draft that reached the owner (`recap`: the state's draft, parsed): recap_created, caveats."""
    if recap is None:
        return []
    actor = run.created_by or run.owner
    events = [_event(run, "recap_created", "recap_created", actor)]
    # The owner's caveats are logged with the decision that added them (a fork never re-logs them).
    events += [
        _event(run, "caveat_added", f"caveat_added:{c.id}", "system", c.id)
        for c in recap.caveats
        if c.origin == "drafter"
    ]
    return events


EDIT_EVENTS = (  # (event, what the edit's summary lists, whether the key carries the review round)
    ("claim_edited", "edited", True),
    ("claim_removed", "removed", True),
    ("caveat_added", "caveats_added", False),
    ("claim_attested", "attested", True),
)


def _edit_events(run: RunRecord, d: DecisionRecord) -> list[RunEvent]:
    events = [_event(run, "decision_edited", f"decision_edited:{d.round}", d.actor, time=d.at)]
    for name, what, per_round in EDIT_EVENTS:
        prefix = f"{name}:{d.round}" if per_round else name
        events += [_event(run, name, f"{prefix}:{c}", d.actor, c, d.at) for c in d.listed(what)]
    return events


def decision_events(run: RunRecord, values: Mapping[str, Any], recap: Recap | None) -> list[RunEvent]:
    """Events for the owner's latest decision (keyed by review round, so a replayed step adds none)."""
    if not values.get("last_decision"):
        return []
    d = DecisionRecord.from_state(values["last_decision"])
    if d.refused:
        return []
    if d.decision == "edit":
        return _edit_events(run, d)
    if d.decision == "reject" and values.get("status") == "rejected":
        return [_event(run, "decision_rejected", "decision_rejected", d.actor, time=d.at)]
    if d.decision == "approve" and values.get("status") == "approved" and recap is not None:
        events = [_event(run, "decision_approved", "decision_approved", d.actor, time=d.at)]
        return events + [
            _event(run, "claim_approved", f"claim_approved:{c.id}", d.actor, c.id, d.at) for c in recap.all_claims()
        ]
    return []
