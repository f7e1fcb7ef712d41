"""human_review: pause for the owner; resume with approve, edit or reject."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.types import interrupt

from state.graph_state import RecapState
from state.recap import Recap
from state.run import Decision
from tools.attestation import blocking_claims
from tools.edits import apply_edits


def unsupported_ids(recap: dict[str, Any]) -> list[str]:
    """Return the ids of the claims that block approval (contradicted, or unverifiable and not attested)."""
    return [c.id for c in blocking_claims(Recap.model_validate(recap).all_claims())]


def review_payload(state: RecapState) -> dict[str, Any]:
    """Return the plain-JSON payload the owner reviews."""
    return {
        "run_id": state["run_id"],
        "account_id": state["account_id"],
        "draft": state["recap"],
        "stop_reasons": state.get("stop_reasons", []),
        "unsupported": unsupported_ids(state["recap"]),
    }


def human_review(state: RecapState) -> dict[str, Any]:
    """Wait for the owner's decision (nothing happens before the interrupt) and apply edits."""
    resume = interrupt(review_payload(state))
    decision = Decision.model_validate(resume["decision"])
    record = {
        "decision": decision.decision,
        "comment": decision.comment,
        "actor": resume["actor"],
        "at": resume["at"],
        "round": state.get("review_round", 0),
    }
    update: dict[str, Any] = {"last_decision": record, "review_round": state.get("review_round", 0) + 1}
    if decision.decision == "edit" and decision.edits is not None:
        recap, summary = apply_edits(
            Recap.model_validate(state["recap"]),
            decision.edits,
            actor=resume["actor"],
            at=resume["at"],
            issued=state.get("owner_claim_seq", 0),
        )
        update["recap"] = recap.to_state()
        update["owner_claim_seq"] = summary.issued
        record["summary"] = {k: v for k, v in vars(summary).items() if k != "issued"}
    elif decision.decision == "approve" and unsupported_ids(state["recap"]):
        record["refused"] = True  # the service refuses first; never approve an unsupported draft
    return update


def route_decision(state: RecapState) -> Literal["kpi_filter", "finalize", "human_review"]:
    """Send an edit back through filtering and verification; approve or reject to finalize."""
    decision = state["last_decision"]
    if decision["decision"] == "edit":
        return "kpi_filter"
    if decision.get("refused"):
        return "human_review"
    return "finalize"
