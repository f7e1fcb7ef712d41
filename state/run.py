"""The run as users see it (spec section 6) and the owner's decision (spec sections 4 and 5)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from state.recap import Recap, StopReason, Verdict
from state.text import CleanStr

RunStatus = Literal["running", "awaiting_review", "approved", "rejected", "failed"]


class DraftingInfo(BaseModel):
    """Which drafter wrote the run and what it cost."""

    drafter: str = "offline"
    model: str | None = None
    prompt_version: str | None = None
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    fallback_parts: list[str] = Field(default_factory=list)


class VerdictChange(BaseModel):
    """One claim whose verdict changed when it was verified against reloaded records."""

    claim_id: str
    was: Verdict
    now: Verdict
    supported: bool
    reasons: list[str] = Field(default_factory=list)


class Freshness(BaseModel):
    """How the run's draft relates to the account's current records (present once the account was reloaded)."""

    drafted_from: int | None = None
    verified_against: int | None = None
    current: int | None = None
    outdated: bool = False
    changed: list[VerdictChange] = Field(default_factory=list)
    message: str = ""


class RunView(BaseModel):
    """A run: its status, why it stopped, and its current draft or final recap."""

    run_id: str
    account_id: str
    owner: str
    status: RunStatus
    stop_reasons: list[StopReason] = Field(default_factory=list)
    recap: Recap | None = None
    created_at: str
    updated_at: str
    as_of: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    comment: str | None = None
    failure: str | None = None
    replayed_from: str | None = None
    drafting: DraftingInfo = Field(default_factory=DraftingInfo)
    data_version: int | None = None
    outdated: bool = False
    freshness: Freshness | None = None


class ClaimEdit(BaseModel):
    """Change the text and/or citations of an existing claim."""

    model_config = ConfigDict(extra="forbid")

    id: CleanStr
    text: CleanStr | None = Field(None, min_length=1)
    citations: list[CleanStr] | None = None


class ClaimAdd(BaseModel):
    """A new claim the owner adds to a section (or `caveats`)."""

    model_config = ConfigDict(extra="forbid")

    section: CleanStr
    text: CleanStr = Field(min_length=1)
    citations: list[CleanStr]
    kind: Literal["proven_outcome", "likely_benefit", "recommendation"] | None = None
    owner: CleanStr | None = None
    due: CleanStr | None = None


class Edits(BaseModel):
    """The owner's edits: `{"edit": [...], "remove": [ids], "add": [...], "attest": [ids]}`."""

    model_config = ConfigDict(extra="forbid")

    edit: list[ClaimEdit] = Field(default_factory=list)
    remove: list[CleanStr] = Field(default_factory=list)
    add: list[ClaimAdd] = Field(default_factory=list)
    attest: list[CleanStr] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Edits:
        if not (self.edit or self.remove or self.add or self.attest):
            raise ValueError("edits must change something: give edit, remove, add or attest")
        return self


class Decision(BaseModel):
    """The owner's decision on a paused run."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "edit", "reject"]
    edits: Edits | None = None
    comment: CleanStr | None = None

    @model_validator(mode="after")
    def _edits_match(self) -> Decision:
        if self.decision == "edit" and self.edits is None:
            raise ValueError("edits is required when decision is edit")
        if self.decision != "edit" and self.edits is not None:
            raise ValueError(f"edits is only allowed when decision is edit, not {self.decision}")
        return self


class ClaimInput(BaseModel):
    """A claim to verify without a run (`recap verify`)."""

    model_config = ConfigDict(extra="ignore")

    id: CleanStr
    text: CleanStr
    citations: list[CleanStr] = Field(default_factory=list)
    section: CleanStr | None = None
    kind: Literal["proven_outcome", "likely_benefit", "recommendation"] | None = None
    owner: CleanStr | None = None
    due: CleanStr | None = None


class VerifyResult(BaseModel):
    """The verdict on one claim."""

    id: str
    verdict: Verdict
    supported: bool
    reasons: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)


class CheckpointView(BaseModel):
    """One checkpoint of a run: which node wrote what, and when."""

    checkpoint_id: str
    step: int
    node: str | None
    time: str
    writes: list[str] = Field(default_factory=list)
    next: list[str] = Field(default_factory=list)
