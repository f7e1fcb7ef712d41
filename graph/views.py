"""What a run looks like to its readers: its view, built from the run row and its latest checkpoint."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from graph.freshness import freshness, versions
from state.errors import RunStateUnreadable
from state.recap import Recap, StopReason
from state.run import DraftingInfo, RunView
from tools.store import AccountStore


def status_update(snapshot: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Return the run-row fields a running run's latest checkpoint implies (empty: still running)."""
    drafting = values.get("drafting") or {}
    if snapshot.interrupts:
        return {"status": "awaiting_review", "drafting": drafting}
    if values.get("status") in ("approved", "rejected"):
        return {
            "status": values["status"],
            "decided_by": values.get("decided_by"),
            "decided_at": values.get("decided_at"),
            "comment": values.get("comment"),
            "drafting": drafting,
        }
    return {}


def run_view(
    run: dict[str, Any], values: dict[str, Any], current: int | None, store: AccountStore, threshold: float
) -> RunView:
    """Return the run as users see it; RunStateUnreadable when its saved draft does not parse."""
    try:
        recap = Recap.model_validate(values["recap"]) if values.get("recap") else None
        stops = [StopReason.model_validate(r) for r in values.get("stop_reasons", [])]
    except ValidationError:
        raise RunStateUnreadable(
            f"run '{run['run_id']}': its saved draft cannot be read (a corrupt checkpoint); other runs are unaffected"
        ) from None
    v = versions(run, values, current)
    return RunView(
        run_id=run["run_id"],
        account_id=run["account_id"],
        owner=run["owner"],
        status=run["status"],
        stop_reasons=stops,
        recap=recap,
        created_at=run["created_at"],
        updated_at=run["updated_at"],
        as_of=run["as_of"],
        decided_by=run["decided_by"],
        decided_at=run["decided_at"],
        comment=run["comment"],
        failure=run["failure"],
        replayed_from=run["replayed_from"],
        drafting=DraftingInfo.model_validate(run["drafting"] or {}),
        data_version=v.drafted,
        outdated=v.outdated,
        freshness=freshness(v, values, recap, store, run["account_id"], threshold),
    )
