"""draft_sections: fan out one branch per part, draft it, and join the parts into one recap."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Send

from nodes.context import RecapContext, context_of
from state.errors import TransientDraftError
from state.evidence import EvidencePack
from state.graph_state import PartInput, RecapState
from tools.drafting.assemble import assemble_recap
from tools.drafting.base import DRAFT_PARTS, Drafter, PartDraft
from tools.drafting.offline import OfflineDrafter


def dispatch_parts(state: RecapState) -> list[Send]:
    """Send every part (seven sections and the value recap) to its own drafting branch."""
    # Branches get ids only (small checkpoints); each reads the pack from the per-invocation cache.
    return [
        Send("draft_part", PartInput(part=p, account_id=state["account_id"], as_of=state["as_of"])) for p in DRAFT_PARTS
    ]


def draft_part(state: PartInput, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Draft one part; on the last failed attempt fall back to the offline drafter."""
    ctx = context_of(runtime)
    bundle = ctx.records.get(state["account_id"])
    pack = ctx.records.pack(state["account_id"], state["as_of"], ctx.progress_threshold)
    try:
        draft = ctx.drafter.draft(state["part"], pack, bundle)
    except TransientDraftError as exc:
        attempt = runtime.execution_info.node_attempt if runtime.execution_info else ctx.draft_attempts
        if attempt < ctx.draft_attempts:
            raise  # the node's RetryPolicy tries again
        draft = OfflineDrafter().draft(state["part"], pack, bundle)
        draft = draft.model_copy(update={"fallback_reason": f"the model failed {attempt} times: {exc.message}"})
    return {"drafts": {state["part"]: draft.model_dump(mode="json", exclude_defaults=True)}}


def drafting_info(drafts: dict[str, PartDraft], drafter: Drafter) -> dict[str, Any]:
    """Sum what drafting cost and name the parts that fell back to the offline drafter."""
    return {
        "drafter": drafter.name,
        "model": getattr(drafter, "model", None),
        "prompt_version": drafter.prompt_version,
        "calls": sum(d.usage.calls for d in drafts.values()),
        "prompt_tokens": sum(d.usage.prompt_tokens for d in drafts.values()),
        "completion_tokens": sum(d.usage.completion_tokens for d in drafts.values()),
        "fallback_parts": sorted(p for p, d in drafts.items() if d.fallback_reason),
    }


def join_drafts(state: RecapState, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Put the drafted parts together into one recap with stable claim ids."""
    drafts = {p: PartDraft.model_validate(d) for p, d in state["drafts"].items()}
    pack = EvidencePack.model_validate(state["pack"])
    ctx = context_of(runtime)
    recap = assemble_recap(drafts, pack, ctx.records.get(state["account_id"]), ctx.claim_limits)
    # The parts live on in this step's checkpoint; later checkpoints need only the joined recap.
    return {"recap": recap.to_state(), "drafts": None, "drafting": drafting_info(drafts, context_of(runtime).drafter)}
