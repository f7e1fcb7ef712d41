"""evidence_check: compute the evidence pack once per run."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from nodes.context import RecapContext, context_of
from state.graph_state import RecapState


def evidence_check(state: RecapState, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Build the evidence pack: goals, KPI eligibility, flags, unresolved issues, signals."""
    ctx = context_of(runtime)
    pack = ctx.records.pack(state["account_id"], state["as_of"], ctx.progress_threshold)
    return {"pack": pack.model_dump(mode="json", exclude_defaults=True)}
