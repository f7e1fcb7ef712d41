"""A run against the account's last approved recap: the service side of 'what changed since'."""

from __future__ import annotations

from graph.service import RecapService
from state.recap import Recap
from tools.diff import RecapDiff, diff_recaps, kpi_moves


def since_last_approved(service: RecapService, run_id: str) -> RecapDiff:
    """Compare the run's draft with the account's last approved recap before it, and the KPIs between them."""
    run = service.get_run(run_id)
    previous = service.snapshots.last_approved(run.account_id, run.created_at, run_id)
    if previous is None:
        return RecapDiff(run_id=run_id, note="no earlier approved recap of this account to compare with")
    old = service.get_run(previous)
    diff = RecapDiff(
        run_id=run_id, previous_run_id=previous, sections=diff_recaps(old.recap or Recap(), run.recap or Recap())
    )
    before, after = service.snapshots.kpis(previous), service.snapshots.kpis(run_id)
    if before is None or after is None:
        diff.note = "KPI values were not recorded for one of the two runs"
    else:
        diff.kpis = kpi_moves(before, after)
    return diff
