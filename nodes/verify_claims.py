"""verify_claims: the deterministic verifier decides what is true; an optional judge may add doubt."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from langgraph.runtime import Runtime

from nodes.context import Judge, RecapContext, context_of
from state.bundle import Bundle
from state.evidence import EvidencePack
from state.graph_state import RecapState
from state.recap import FLAG_JUDGE_DOUBT, Claim, Recap
from tools.attestation import settle_attestations
from tools.freshness import verdict_changes
from tools.stop_rules import stop_reasons
from tools.verify import verify_recap

DIGIT = re.compile(r"\d")


def judge_claims(recap: Recap, bundle: Bundle, judge: Judge) -> Recap:
    """Let the judge look at supported claims without numbers; it can only add doubt, never clear."""
    index = bundle.index()

    def look(claim: Claim) -> Claim:
        if FLAG_JUDGE_DOUBT in claim.flags:  # a verdict from an earlier pass: judge this text afresh
            claim = claim.model_copy(update={"flags": [f for f in claim.flags if f != FLAG_JUDGE_DOUBT]})
        if not claim.supported or DIGIT.search(claim.text):
            return claim
        cited = [index[c][1].model_dump(mode="json") for c in claim.citations if c in index]
        doubt = judge.judge(claim, cited)
        if doubt is None:
            return claim
        return claim.with_flag(FLAG_JUDGE_DOUBT).model_copy(
            update={"verdict": "unverifiable", "supported": False, "reasons": [*claim.reasons, f"judge: {doubt}"]}
        )

    return recap.map_claims(look)


def verify_claims(state: RecapState, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Verify every claim against the records and work out why the run must wait for the owner."""
    ctx = context_of(runtime)
    bundle, version = ctx.records.get(state["account_id"]), ctx.records.version(state["account_id"])
    as_of = dt.date.fromisoformat(state["as_of"][:10]) if state.get("as_of") else None  # 'overdue', 'last month'
    draft = Recap.model_validate(state["recap"])
    recap = verify_recap(draft, bundle, threshold=ctx.progress_threshold, as_of=as_of)
    if ctx.judge is not None:
        recap = judge_claims(recap, bundle, ctx.judge)
    recap = settle_attestations(draft, recap)  # the owner's attestations of unchanged claims hold
    reasons = stop_reasons(recap, EvidencePack.model_validate(state["pack"]), bundle)
    update: dict[str, Any] = {
        "recap": recap.to_state(),
        "verified_version": version,
        "stop_reasons": [r.model_dump(mode="json") for r in reasons],
    }
    prior = state.get("verified_version")
    if prior is not None and prior != version:  # the account was reloaded: note what that changed
        update["reverified"] = {
            "from_version": prior,
            "to_version": version,
            "changed": [c.model_dump(mode="json") for c in verdict_changes(draft, recap)],
        }
    return update
