"""The floor: the same seven-node shape (eight-way fan-out, interrupt at review) with trivial nodes.

It runs on the same SQLite checkpointer with the same durability, so the gap between it and a recap
run is what recap's own work costs.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Annotated, Any, TypedDict

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, StateGraph
from langgraph.types import Send, interrupt

from evals.bench.measure import checkpoint_bytes, median
from tools.db import connect

PARTS = 8  # seven sections and the value recap


def _merge(left: dict | None, right: dict | None) -> dict:
    return {**(left or {}), **(right or {})}


class FloorState(TypedDict, total=False):
    run_id: str
    pack: dict[str, Any]
    drafts: Annotated[dict[str, Any], _merge]
    recap: dict[str, Any]
    stop_reasons: list[dict[str, Any]]
    decision: dict[str, Any]


def _fan_out(state: FloorState) -> list[Send]:
    return [Send("draft_part", {"part": f"p{i}"}) for i in range(PARTS)]


def _review(state: FloorState) -> dict[str, Any]:
    return {"decision": interrupt({"review": state["run_id"]})}


def build_floor(checkpointer: SqliteSaver):  # noqa: ANN201 - a compiled graph
    """Return the trivial seven-node graph compiled with `checkpointer`."""
    b = StateGraph(FloorState)
    b.add_node("gather_inputs", lambda s: {"pack": {}})
    b.add_node("evidence_check", lambda s: {"pack": {"goals": []}})
    b.add_node("draft_part", lambda p: {"drafts": {p["part"]: {}}})
    b.add_node("join_drafts", lambda s: {"recap": {"sections": {}}})
    b.add_node("kpi_filter", lambda s: {"recap": s["recap"]})
    b.add_node("verify_claims", lambda s: {"stop_reasons": []})
    b.add_node("human_review", _review)
    b.add_edge(START, "gather_inputs")
    b.add_edge("gather_inputs", "evidence_check")
    b.add_conditional_edges("evidence_check", _fan_out, ["draft_part"])
    b.add_edge("draft_part", "join_drafts")
    b.add_edge("join_drafts", "kpi_filter")
    b.add_edge("kpi_filter", "verify_claims")
    b.add_edge("verify_claims", "human_review")
    b.add_edge("human_review", END)
    return b.compile(checkpointer=checkpointer)


def bench_floor(workdir: Path, runs: int = 20) -> dict[str, Any]:
    """Return the median seconds of one floor run to the interrupt and its checkpoint bytes."""
    db = str(workdir / "floor.db")
    saver = SqliteSaver(connect(db))
    saver.setup()
    graph = build_floor(saver)
    times, thread = [], ""
    for _ in range(runs + 1):
        thread = f"floor-{uuid.uuid4().hex[:8]}"
        started = time.perf_counter()
        graph.invoke({"run_id": thread}, {"configurable": {"thread_id": thread}}, durability="sync")
        times.append(time.perf_counter() - started)
    saver.conn.close()
    return {"runs": runs, "median_s": median(times[1:]), "checkpoint_bytes": checkpoint_bytes(db, thread)}
