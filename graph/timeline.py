"""A run's checkpoints: history, tracing a claim back to its step, and replay from a checkpoint."""

from __future__ import annotations

import json
from typing import Any

from graph.runtime import thread_config
from graph.service import RecapService
from state.errors import UnknownCheckpoint
from state.recap import Recap
from state.run import CheckpointView, RunView
from tools.runs import new_run_id


def _snapshots(service: RecapService, run_id: str) -> list[Any]:
    service.runs.get(run_id)
    return list(reversed(list(service.graph().get_state_history(thread_config(run_id)))))


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in after if json.dumps(after[k], sort_keys=True, default=str)
                  != json.dumps(before.get(k), sort_keys=True, default=str))


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
        views.append(CheckpointView(
            checkpoint_id=snap.config["configurable"]["checkpoint_id"], step=int(meta.get("step", -1)),
            node=_producer(parent) or meta.get("source"), time=snap.created_at or "",
            writes=_changed(parent.values if parent else {}, snap.values or {}), next=list(snap.next)))
        parent = snap
    return views


def trace(service: RecapService, run_id: str, claim_id: str) -> list[dict[str, Any]]:
    """Follow one claim through the checkpoints: where it first appeared and each step that changed it."""
    steps, last, parent = [], None, None
    for snap in _snapshots(service, run_id):
        recap = (snap.values or {}).get("recap")
        claim = Recap.model_validate(recap).claim(claim_id) if recap else None
        if claim is not None:
            seen = claim.model_dump(include={"text", "citations", "verdict", "supported", "reasons", "flags",
                                              "attested_by", "attested_at"})
            if seen != last:
                steps.append({"checkpoint_id": snap.config["configurable"]["checkpoint_id"],
                              "step": (snap.metadata or {}).get("step"), "node": _producer(parent), **seen})
                last = seen
        parent = snap
    return steps


def replay(service: RecapService, run_id: str, checkpoint_id: str, actor: str) -> RunView:
    """Fork the run from a checkpoint into a new run and run it forward to the review pause."""
    snapshots = _snapshots(service, run_id)
    ids = [s.config["configurable"]["checkpoint_id"] for s in snapshots]
    if checkpoint_id not in ids:
        raise UnknownCheckpoint(f"run '{run_id}' has no checkpoint '{checkpoint_id}'")
    index = ids.index(checkpoint_id)
    source = service.runs.get(run_id)
    new_id = new_run_id()
    snap = snapshots[index]
    producer = _producer(snapshots[index - 1]) if index > 0 else None
    regather = producer in (None, "__start__") or "gather_inputs" in snap.next
    # A fork that gathers the records again drafts from today's data; any other keeps the source's.
    version = service.store.data_version(source["account_id"]) if regather else source["data_version"]
    service.runs.create(new_id, source["account_id"], source["owner"], actor, source["as_of"],
                        replayed_from=f"{run_id}@{checkpoint_id}",
                        data_version=None if version is None else int(version))
    start = {"run_id": new_id, "account_id": source["account_id"], "as_of": source["as_of"]}
    if regather or producer is None:
        return service.advance(new_id, start)
    values = {k: v for k, v in snap.values.items() if k not in ("status", "decided_by", "decided_at")}
    values["run_id"] = new_id
    config = thread_config(new_id)
    service.graph().update_state(config, values, as_node=producer.split(", ")[0])
    return service.advance(new_id, None)
