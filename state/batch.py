"""Portfolio batches: one run per selected account, and what each account's run came to."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

ItemState = Literal["queued", "running", "awaiting_review", "existing", "approved", "rejected", "refused", "failed"]
# Where an item can still move: a batch is finished when none of its items is in one of these.
OPEN_STATES = frozenset({"queued", "running"})


class BatchRequest(BaseModel):
    """Which accounts to recap: an owner's, those renewing soon, a list, or all; combined with AND."""

    model_config = ConfigDict(extra="forbid")

    owner: StrictStr | None = None
    renewing_within_days: int | None = Field(None, ge=0, le=3660)
    account_ids: list[StrictStr] = Field(default_factory=list, max_length=10_000)
    all: bool = False
    concurrency: int = Field(2, ge=1, le=32)

    @model_validator(mode="after")
    def _selects_something(self) -> BatchRequest:
        if not (self.all or self.owner or self.account_ids or self.renewing_within_days is not None):
            raise ValueError("say which accounts: owner, renewing_within_days, account_ids or all")
        return self

    def selection(self) -> dict:
        """Return the selection alone (not how fast to run it): the same selection continues the same batch."""
        return self.model_dump(exclude={"concurrency"}, mode="json")


class BatchItem(BaseModel):
    """One account of a batch and where its run stands."""

    account_id: str
    state: ItemState
    run_id: str | None = None
    stop_reasons: list[str] = Field(default_factory=list)
    needs_attention: int = Field(0, description="Claims contradicted, or unverifiable and not attested.")
    note: str | None = None


class BatchView(BaseModel):
    """A batch: its selection, counts by state, and every account's item."""

    batch_id: str
    created_by: str
    created_at: str
    selection: dict
    finished: bool
    counts: dict[str, int]
    skipped: list[str] = Field(default_factory=list, description="Selected accounts with no associated records.")
    items: list[BatchItem]
    started_now: int = Field(0, description="Runs this call started (0 on a repeated call: nothing new).")
