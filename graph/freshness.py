"""Freshness of a run: which data version it was drafted from and verified against, and what a reload changed.

Reads compute a preview without writing anything. A decision on an outdated run first verifies the draft
again against the current records (graph/decisions.py), so the new verdicts are checkpointed like any step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.views import ParsedValues, has_freshness, view_of
from state.recap import Recap
from state.records import RunRecord, Versions, versions
from state.run import Freshness, RunView, VerdictChange
from tools.freshness import verdict_changes
from tools.store import AccountStore
from tools.verify import verify_recap

__all__ = ["Versions", "freshness", "preview", "run_view", "versions"]


def _message(v: Versions, changed: list[VerdictChange], pending: bool) -> str:
    head = f"drafted from data version {v.drafted}"
    if v.verified != v.drafted:
        head += f", verified again against version {v.verified}"
    head += f"; the account is now at version {v.current}"
    if not changed:
        tail = "no claim's verdict changed" + (" (so far: a decision verifies it again first)" if pending else "")
    else:
        names = ", ".join(f"{c.claim_id} ({c.was} -> {c.now})" for c in changed)
        tail = "if verified now, these claims would change: " if pending else "claims whose verdict changed: "
        tail += names
    return f"{head}; {tail}"


def preview(recap: Recap | None, store: AccountStore, account_id: str, threshold: float) -> list[VerdictChange]:
    """Return the verdicts a verification against the current records would change (reads only)."""
    if recap is None:
        return []
    return verdict_changes(recap, verify_recap(recap, store.bundle(account_id), threshold=threshold))


def freshness(
    v: Versions, values: Mapping[str, Any], recap: Recap | None, store: AccountStore, account_id: str, threshold: float
) -> Freshness | None:
    """Return what the run's view says about its data: None while the account was never reloaded."""
    if not has_freshness(v, values):
        return None
    record = values.get("reverified")
    if v.unverified or record is None:
        changed, pending = preview(recap, store, account_id, threshold), v.unverified
    else:
        changed, pending = [VerdictChange.model_validate(c) for c in record["changed"]], False
    return Freshness(
        drafted_from=v.drafted,
        verified_against=v.verified,
        current=v.current,
        outdated=v.outdated,
        changed=changed,
        message=_message(v, changed, pending),
    )


def run_view(
    run: RunRecord,
    values: Mapping[str, Any],
    parsed: ParsedValues,
    current: int | None,
    store: AccountStore,
    threshold: float,
) -> RunView:
    """Return the run as users see it, with what a reload of its account changed (`parsed`: its values, parsed)."""
    v = versions(run, values, current)
    return view_of(run, parsed, v, freshness(v, values, parsed.recap, store, run.account_id, threshold))
