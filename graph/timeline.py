"""A run's checkpoints: history, tracing a claim back to its step, and replay from a checkpoint."""

from __future__ import annotations

import json
from typing import Any

from graph.build import LEADS_TO, REVIEW_PAUSE_AFTER
from graph.runtime import readable_state, thread_config
from graph.service import RecapService
from state.errors import UnknownCheckpoint
from state.recap import Recap
from state.run import CheckpointView, RunView
from tools.runs import new_run_id


def _snapshots(service: RecapService, run_id: str) -> list[Any]:
    service.runs.get(run_id)
    with readable_state(run_id):
        return list(reversed(list(service.graph().get_state_history(thread_config(run_id)))))


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(
        k
        for k in after
        if json.dumps(after[k], sort_keys=True, default=str) != json.dumps(before.get(k), sort_keys=True, default=str)
    )


def _producer(parent: Any | None) -> str | None:
    if parent is None:
        return None
    names = sorted({t.name for t in parent.tasks})
    return ", ".join(names) if names else None


def history(service: RecapService, run_id: str) -> list[CheckpointView]:
    """Return the run's checkpoints oldest first: id, step, the node that wrote it, what it wrote, time."""
    views, parent = [], None
    for snap in _snapshots(service, run_id):
        meta = snap.metadata or {}
        views.append(
            CheckpointView(
                checkpoint_id=snap.config["configurable"]["checkpoint_id"],
                step=int(meta.get("step", -1)),
                node=_producer(parent) or meta.get("source"),
                time=snap.created_at or "",
                writes=_changed(parent.values if parent else {}, snap.values or {}),
                next=list(snap.next),
            )
        )
        parent = snap
    return views


def trace(service: RecapService, run_id: str, claim_id: str) -> list[dict[str, Any]]:
    """Follow one claim through the checkpoints: where it first appeared and each step that changed it.

    Each step says whether the claim's current text had been verified yet (`verified`): before the
    verify step runs, and after an edit until it runs again, its verdict means nothing.
    """
    steps, last, parent, content, verified = [], None, None, None, False
    for snap in _snapshots(service, run_id):
        recap = (snap.values or {}).get("recap")
        claim = Recap.model_validate(recap).claim(claim_id) if recap else None
        if claim is not None:
            if (claim.text, claim.citations) != content:
                content, verified = (claim.text, claim.citations), False
            if parent is not None and any(t.name == "verify_claims" for t in parent.tasks):
                verified = True
            seen = claim.model_dump(
                include={"text", "citations", "verdict", "supported", "reasons", "flags", "attested_by", "attested_at"}
            )
            seen["verified"] = verified
            if seen != last:
                steps.append(
                    {
                        "checkpoint_id": snap.config["configurable"]["checkpoint_id"],
                        "step": (snap.metadata or {}).get("step"),
                        "node": _producer(parent),
                        **seen,
                    }
                )
                last = seen
        parent = snap
    return steps


# What a fork never inherits: the owner's decision and everything it set.
DECISION_KEYS = ("last_decision", "status", "decided_by", "decided_at", "comment")


def fork_point(snap: Any) -> str | None:
    """Return the node a fork resumes after (None: start afresh from the account's current records).

    A checkpoint before the parts were drafted starts afresh (drafting reads the current records anyway);
    one with drafts or a draft goes on from the step it was at; one at or after a decision goes back to
    the review pause with the draft as it was, never carrying the decision.
    """
    values = snap.values or {}
    steps = set(snap.next)
    if "recap" not in values:
        return LEADS_TO["join_drafts"] if steps == {"join_drafts"} else None
    if len(steps) == 1 and (step := next(iter(steps))) in LEADS_TO:
        return LEADS_TO[step]
    return REVIEW_PAUSE_AFTER  # at finalize or after the end: back to the review pause


def replay(service: RecapService, run_id: str, checkpoint_id: str, actor: str) -> RunView:
    """Fork the run from a checkpoint into a new run and run it forward to the review pause."""
    snapshots = _snapshots(service, run_id)
    snap = next((s for s in snapshots if s.config["configurable"]["checkpoint_id"] == checkpoint_id), None)
    if snap is None:
        raise UnknownCheckpoint(f"run '{run_id}' has no checkpoint '{checkpoint_id}'")
    source = service.runs.get(run_id)
    as_node = fork_point(snap)
    # A fork that starts afresh drafts from today's data; any other keeps the source's draft and versions.
    version = service.store.data_version(source.account_id) if as_node is None else source.data_version
    new_id = new_run_id()
    service.runs.create(
        new_id,
        source.account_id,
        source.owner,
        actor,
        source.as_of,
        replayed_from=f"{run_id}@{checkpoint_id}",
        data_version=version,
    )
    if as_node is None:
        return service.advance(new_id, {"run_id": new_id, "account_id": source.account_id, "as_of": source.as_of})
    values = {k: v for k, v in snap.values.items() if k not in DECISION_KEYS} | {"run_id": new_id}
    service.graph().update_state(thread_config(new_id), values, as_node=as_node)
    return service.advance(new_id, None)
