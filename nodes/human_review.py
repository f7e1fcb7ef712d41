"""human_review: pause for the owner; resume with approve, edit or reject."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from langgraph.types import interrupt

from state.graph_state import RecapState
from state.recap import Recap
from state.records import DecisionRecord
from state.run import Decision
from tools.attestation import blocking_claims
from tools.edits import apply_edits


def unsupported_ids(recap: Recap) -> list[str]:
    """Return the ids of the claims that block approval (contradicted, or unverifiable and not attested)."""
    return [c.id for c in blocking_claims(recap.all_claims())]


def review_payload(state: RecapState, recap: Recap) -> dict[str, Any]:
    """Return the plain-JSON payload the owner reviews (`recap`: the state's draft, parsed)."""
    return {
        "run_id": state["run_id"],
        "account_id": state["account_id"],
        "draft": state["recap"],
        "stop_reasons": state.get("stop_reasons", []),
        "unsupported": unsupported_ids(recap),
    }


def human_review(state: RecapState) -> dict[str, Any]:
    """Wait for the owner's decision (nothing happens before the interrupt) and apply edits."""
    draft = Recap.model_validate(state["recap"])  # parsed once: the payload and the decision both read it
    resume = interrupt(review_payload(state, draft))
    decision = Decision.model_validate(resume["decision"])
    record = DecisionRecord(
        decision=decision.decision,
        comment=decision.comment,
        actor=resume["actor"],
        at=resume["at"],
        round=state.get("review_round", 0),
    )
    update: dict[str, Any] = {"review_round": state.get("review_round", 0) + 1}
    if decision.decision == "edit" and decision.edits is not None:
        recap, summary = apply_edits(
            draft, decision.edits, actor=resume["actor"], at=resume["at"], issued=state.get("owner_claim_seq", 0)
        )
        update["recap"] = recap.to_state()
        update["owner_claim_seq"] = summary.issued
        record = replace(record, summary={k: v for k, v in vars(summary).items() if k != "issued"})
    elif decision.decision == "approve" and unsupported_ids(draft):
        record = replace(record, refused=True)  # the service refuses first; never approve an unsupported draft
    update["last_decision"] = record.to_state()
    return update


def route_decision(state: RecapState) -> Literal["kpi_filter", "finalize", "human_review"]:
    """Send an edit back through filtering and verification; approve or reject to finalize."""
    decision = DecisionRecord.from_state(state["last_decision"])
    if decision.decision == "edit":
        return "kpi_filter"
    if decision.refused:
        return "human_review"
    return "finalize"
