"""gather_inputs: load the account's records and refuse an account with nothing to recap."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from nodes.context import RecapContext, context_of
from state.errors import NoAssociatedRecords
from state.graph_state import RecapState


def require_records(account_id: str, count: int) -> int:
    """Return `count`; raise NoAssociatedRecords when the account has no associated record."""
    if count == 0:
        raise NoAssociatedRecords(
            f"account '{account_id}' must have at least one associated record before a recap can run"
        )
    return count


def gather_inputs(state: RecapState, runtime: Runtime[RecapContext]) -> dict[str, Any]:
    """Load the account's records (once per invocation) and count them."""
    bundle = context_of(runtime).records.get(state["account_id"])
    return {"record_count": require_records(bundle.account.id, bundle.associated_count()), "review_round": 0}
