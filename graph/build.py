"""The recap graph's topology: nodes, edges and routers only."""

from __future__ import annotations

from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import RetryPolicy

from nodes.context import DRAFT_ATTEMPTS, RecapContext
from nodes.draft_sections import dispatch_parts, draft_part, join_drafts
from nodes.evidence_check import evidence_check
from nodes.finalize import finalize
from nodes.gather_inputs import gather_inputs
from nodes.human_review import human_review, route_decision
from nodes.kpi_filter import kpi_filter
from nodes.verify_claims import verify_claims
from state.errors import TransientDraftError
from state.graph_state import RecapInput, RecapOutput, RecapState

# The node whose completion leads to each step: a fork resumes "as if" that node had just written its state.
LEADS_TO: dict[str, str] = {
    "join_drafts": "draft_part",
    "kpi_filter": "join_drafts",
    "verify_claims": "kpi_filter",
    "human_review": "verify_claims",
}
# Steps a fork does not replay: the owner's decision is never carried; the fork pauses for a new one.
REVIEW_PAUSE_AFTER = "verify_claims"

DRAFT_RETRY = RetryPolicy(
    max_attempts=DRAFT_ATTEMPTS,
    initial_interval=0.2,
    backoff_factor=2.0,
    max_interval=2.0,
    jitter=False,
    retry_on=TransientDraftError,
)


def build_builder() -> StateGraph[RecapState, RecapContext, RecapInput, RecapOutput]:
    """Return the uncompiled graph (LangGraph Studio loads this one)."""
    builder = StateGraph(RecapState, context_schema=RecapContext, input_schema=RecapInput, output_schema=RecapOutput)
    builder.add_node("gather_inputs", gather_inputs)
    builder.add_node("evidence_check", evidence_check)
    builder.add_node("draft_part", draft_part, retry_policy=DRAFT_RETRY)
    builder.add_node("join_drafts", join_drafts)
    builder.add_node("kpi_filter", kpi_filter)
    builder.add_node("verify_claims", verify_claims)
    builder.add_node("human_review", human_review)
    builder.add_node("finalize", finalize)
    builder.add_edge(START, "gather_inputs")
    builder.add_edge("gather_inputs", "evidence_check")
    builder.add_conditional_edges("evidence_check", dispatch_parts, ["draft_part"])
    builder.add_edge("draft_part", "join_drafts")
    builder.add_edge("join_drafts", "kpi_filter")
    builder.add_edge("kpi_filter", "verify_claims")
    builder.add_edge("verify_claims", "human_review")
    builder.add_conditional_edges("human_review", route_decision, ["kpi_filter", "finalize", "human_review"])
    builder.add_edge("finalize", END)
    return builder


def build_graph(checkpointer: BaseCheckpointSaver | None = None) -> CompiledStateGraph[Any, Any, Any, Any]:
    """Compile the recap graph with the given checkpointer."""
    return build_builder().compile(checkpointer=checkpointer)
