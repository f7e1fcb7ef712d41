"""evidence_check: compute the evidence pack once per run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from langgraph.runtime import Runtime

from nodes.context import RecapContext
from state.graph_state import RecapState
from tools.evidence import build_evidence


def evidence_check(state: RecapState, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Build the evidence pack: goals, KPI eligibility, flags, unresolved issues, signals."""
    ctx = runtime.context
    bundle = ctx.records.get(state["account_id"])
    pack = build_evidence(bundle, dt.date.fromisoformat(state["as_of"]), ctx.progress_threshold)
    return {"pack": pack.model_dump(mode="json")}
