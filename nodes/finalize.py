"""finalize: record the owner's approval or rejection; the only way a run becomes final."""

from __future__ import annotations

from typing import Any

from state.graph_state import RecapState
from state.records import DecisionRecord


def finalize(state: RecapState) -> dict[str, Any]:
    """Set the status from the owner's decision, with who and when (and the comment)."""
    decision = DecisionRecord.from_state(state["last_decision"])
    status = {"approve": "approved", "reject": "rejected"}[decision.decision]
    update: dict[str, Any] = {"status": status, "decided_by": decision.actor, "decided_at": decision.at}
    if decision.comment:
        update["comment"] = decision.comment
    return update
