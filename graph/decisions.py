"""The owner's decision on a run whose account may have been reloaded: check it, verify the draft again first.

A decision on an outdated run first verifies the draft again against the current records, through the
graph's own `verify_claims` step, so the new verdicts and what changed are checkpointed like any other step.
Approval is refused while claims block it (contradicted, or unverifiable and not attested).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.runtime import thread_config
from nodes.context import RecapContext
from state.errors import ApprovalRefused, OutdatedApprovalRefused, RecapError
from state.recap import Recap
from state.records import RunRecord, Versions
from state.run import Decision
from tools.attestation import blocking_claims, describe, verdict_counts
from tools.db import db_errors, storage_error
from tools.edits import check_edits


def check_decision(recap: Recap, decision: Decision, account_id: str, stale: Versions | None = None) -> None:
    """Refuse an approval while claims block it (naming the versions when the run is outdated), or a bad edit."""
    if decision.decision == "approve":
        bad = blocking_claims(recap.all_claims())
        if bad:
            details = [describe(c) for c in bad]
            if stale is not None and stale.current is not None:
                raise OutdatedApprovalRefused(
                    [c.id for c in bad], details, verdict_counts(bad), account_id, stale.drafted, stale.current
                )
            raise ApprovalRefused([c.id for c in bad], details, verdict_counts(bad))
    if decision.decision == "edit" and decision.edits is not None:
        check_edits(recap, decision.edits)


def reverify(graph: Any, run: RunRecord, values: Mapping[str, Any], context: RecapContext) -> None:
    """Verify a paused run's draft again against the current records; it pauses for review again after.

    The evidence pack is rebuilt from the current records too (the stop rules read it), and the run's
    drafted-from version is recorded as last verified when the state predates verified versions.
    A storage failure is raised as the domain's storage error.
    """
    try:
        _reverify(graph, run, values, context)
    except db_errors() as exc:
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from None


def _reverify(graph: Any, run: RunRecord, values: Mapping[str, Any], context: RecapContext) -> None:
    pack = context.records.pack(run.account_id, values.get("as_of") or run.as_of, context.progress_threshold)
    update: dict[str, Any] = {"pack": pack.model_dump(mode="json", exclude_defaults=True)}
    if "verified_version" not in values and run.data_version is not None:
        update["verified_version"] = run.data_version
    config = thread_config(run.run_id)
    # As if kpi_filter had just run: the graph goes on to verify_claims, then pauses at human_review.
    graph.update_state(config, update, as_node="kpi_filter")
    graph.invoke(None, config, context=context, durability="sync")
    if not graph.get_state(config).interrupts:
        raise RecapError(f"run '{run.run_id}' did not return to review after verifying it again")
