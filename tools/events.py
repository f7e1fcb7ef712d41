"""Measurement events (spec section 7), derived from a run's state with keys that make them log once."""

from __future__ import annotations

from typing import Any

from state.recap import Recap
from tools.runs import now


def _event(
    run: dict[str, Any], name: str, key: str, actor: str, claim_id: str | None = None, time: str | None = None
) -> dict[str, Any]:
    return {
        "key": f"{run['run_id']}:{key}",
        "event": name,
        "run_id": run["run_id"],
        "account_id": run["account_id"],
        "actor": actor,
        "claim_id": claim_id,
        "time": time or now(),
    }


def created_events(run: dict[str, Any], values: dict[str, Any]) -> list[dict[str, Any]]:
    """Events for a draft that reached the owner: recap_created and one caveat_added per caveat."""
    if "recap" not in values:
        return []
    actor = run.get("created_by") or run["owner"]
    events = [_event(run, "recap_created", "recap_created", actor)]
    recap = Recap.model_validate(values["recap"])
    # The owner's caveats are logged with the decision that added them (a fork never re-logs them).
    events += [
        _event(run, "caveat_added", f"caveat_added:{c.id}", "system", c.id)
        for c in recap.caveats
        if c.origin == "drafter"
    ]
    return events


def decision_events(run: dict[str, Any], values: dict[str, Any]) -> list[dict[str, Any]]:
    """Events for the owner's latest decision (keyed by review round, so a replayed step adds none)."""
    decision = values.get("last_decision")
    if not decision or decision.get("refused"):
        return []
    actor, at, rnd = decision["actor"], decision["at"], decision["round"]
    kind = decision["decision"]
    if kind == "edit":
        summary = decision.get("summary", {})
        events = [_event(run, "decision_edited", f"decision_edited:{rnd}", actor, time=at)]
        events += [
            _event(run, "claim_edited", f"claim_edited:{rnd}:{c}", actor, c, at) for c in summary.get("edited", [])
        ]
        events += [
            _event(run, "claim_removed", f"claim_removed:{rnd}:{c}", actor, c, at) for c in summary.get("removed", [])
        ]
        events += [
            _event(run, "caveat_added", f"caveat_added:{c}", actor, c, at) for c in summary.get("caveats_added", [])
        ]
        events += [
            _event(run, "claim_attested", f"claim_attested:{rnd}:{c}", actor, c, at)
            for c in summary.get("attested", [])
        ]
        return events
    if kind == "reject" and values.get("status") == "rejected":
        return [_event(run, "decision_rejected", "decision_rejected", actor, time=at)]
    if kind == "approve" and values.get("status") == "approved":
        recap = Recap.model_validate(values["recap"])
        events = [_event(run, "decision_approved", "decision_approved", actor, time=at)]
        return events + [
            _event(run, "claim_approved", f"claim_approved:{c.id}", actor, c.id, at) for c in recap.all_claims()
        ]
    return []
