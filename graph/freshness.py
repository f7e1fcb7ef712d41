"""Freshness of a run: which data version it was drafted from and verified against, and what a reload changed.

Reads compute a preview without writing anything. A decision on an outdated run first verifies the draft
again against the current records, through the graph's own `verify_claims` step, so the new verdicts and
what changed are checkpointed like any other step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.runtime import thread_config
from nodes.context import RecapContext
from state.errors import RecapError
from state.recap import Recap
from state.run import Freshness, VerdictChange
from tools.freshness import verdict_changes
from tools.store import AccountStore
from tools.verify import verify_recap


@dataclass(frozen=True)
class Versions:
    """The data versions that say whether a run is outdated."""

    drafted: int | None
    verified: int | None
    current: int | None

    @property
    def outdated(self) -> bool:
        """Whether the account's records changed since the run was drafted (spec: `outdated`)."""
        return self.drafted is not None and self.current is not None and self.current != self.drafted

    @property
    def unverified(self) -> bool:
        """Whether the account was reloaded since the draft was last verified: a decision verifies it first."""
        return self.verified is not None and self.current is not None and self.current != self.verified


def versions(run: dict[str, Any], values: dict[str, Any], current: int | None) -> Versions:
    """Return the run's versions: drafted from (run row), last verified against (graph state), current."""
    drafted = None if run["data_version"] is None else int(run["data_version"])
    verified = values.get("verified_version", drafted)
    return Versions(drafted, None if verified is None else int(verified), current)


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
    v: Versions, values: dict[str, Any], recap: Recap | None, store: AccountStore, account_id: str, threshold: float
) -> Freshness | None:
    """Return what the run's view says about its data: None while the account was never reloaded."""
    record = values.get("reverified")
    if not v.outdated and not v.unverified and record is None:
        return None
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


def reverify(graph: Any, run_id: str, run: dict[str, Any], values: dict[str, Any], context: RecapContext) -> None:
    """Verify a paused run's draft again against the current records; it pauses for review again after.

    The evidence pack is rebuilt from the current records too (the stop rules read it), and the run's
    drafted-from version is recorded as last verified when the state predates verified versions.
    """
    account_id = run["account_id"]
    pack = context.records.pack(account_id, values.get("as_of") or run["as_of"], context.progress_threshold)
    update: dict[str, Any] = {"pack": pack.model_dump(mode="json", exclude_defaults=True)}
    if "verified_version" not in values and run["data_version"] is not None:
        update["verified_version"] = int(run["data_version"])
    config = thread_config(run_id)
    # As if kpi_filter had just run: the graph goes on to verify_claims, then pauses at human_review.
    graph.update_state(config, update, as_node="kpi_filter")
    graph.invoke(None, config, context=context, durability="sync")
    if not graph.get_state(config).interrupts:
        raise RecapError(f"run '{run_id}' did not return to review after verifying it again")
