"""The graph's state: plain JSON values only, so checkpoints deserialise under strict msgpack."""

from __future__ import annotations

from typing import Annotated, Any, TypedDict


def merge_dicts(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Reducer: parallel drafting branches each add their part; None clears (after the join)."""
    if right is None:
        return {}
    return {**(left or {}), **right}


class RecapInput(TypedDict):
    """What a caller passes to start a run."""

    run_id: str
    account_id: str
    as_of: str


class RecapOutput(TypedDict, total=False):
    """What a caller reads back."""

    recap: dict[str, Any]
    stop_reasons: list[dict[str, Any]]
    status: str


class RecapState(TypedDict, total=False):
    """Everything a run carries between steps: ids, the evidence pack once, the draft."""

    run_id: str
    account_id: str
    as_of: str
    record_count: int
    pack: dict[str, Any]
    drafts: Annotated[dict[str, Any], merge_dicts]
    drafting: dict[str, Any]
    recap: dict[str, Any]
    filter_notes: list[str]
    stop_reasons: list[dict[str, Any]]
    review_round: int
    verified_version: int
    reverified: dict[str, Any]
    owner_claim_seq: int
    last_decision: dict[str, Any]
    status: str
    decided_by: str
    decided_at: str
    comment: str


class PartInput(TypedDict):
    """What one drafting branch receives through Send."""

    part: str
    account_id: str
    as_of: str
