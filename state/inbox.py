"""The run list: the owner's inbox (spec sections 4 and 5)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from state.run import RunStatus


class RunSummary(BaseModel):
    """One run in a list: who, which account, where it stands, and what needs the owner's attention."""

    run_id: str
    account_id: str
    account_name: str
    owner: str = Field(description="The account's owner.")
    status: RunStatus
    created_at: str
    updated_at: str
    renewal_date: str | None = None
    arr: float | None = None
    currency: str | None = None
    stop_reasons: list[str] = Field(default_factory=list, description="Stop reason codes.")
    claims: int = Field(0, description="Claims in the draft or final recap.")
    needs_attention: int = Field(
        0, description="Claims that block approval (contradicted, or unverifiable and not attested)."
    )
    decided_by: str | None = None
    decided_at: str | None = None
    comment: str | None = None
    failure: str | None = None
    replayed_from: str | None = None
    outdated: bool = False


class RunPage(BaseModel):
    """One page of runs, newest first; `next_offset` is null on the last page."""

    runs: list[RunSummary]
    limit: int
    offset: int
    next_offset: int | None = None
