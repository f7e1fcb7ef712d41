"""kpi_filter: enforce the key-achievements rule on whatever the drafter or the owner wrote."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from nodes.context import RecapContext, context_of
from state.graph_state import RecapState
from state.recap import Recap
from tools.achievements import filter_achievements


def kpi_filter(state: RecapState, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Keep only eligible KPIs as achievements, most progress first, capped."""
    ctx = context_of(runtime)
    bundle = ctx.records.get(state["account_id"])
    # After the owner's edits, what they removed stays removed: only the first pass fills gaps.
    first_pass = state.get("review_round", 0) == 0
    recap, notes = filter_achievements(
        Recap.model_validate(state["recap"]),
        bundle,
        ctx.progress_threshold,
        ctx.max_achievements,
        fill_missing=first_pass,
    )
    compact = recap.to_state()
    if compact == state["recap"]:
        return {"filter_notes": notes}  # nothing to change: don't store another copy of the draft
    return {"recap": compact, "filter_notes": notes}
