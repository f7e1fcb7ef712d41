"""The drafter interface: the offline drafter and the LLM drafter both implement it."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import SECTION_IDS, VALUE_RECAP, Claim, ValueRecapEntry

# The parts drafted independently (in parallel by the graph): seven sections and the value recap.
DRAFT_PARTS: tuple[str, ...] = (*SECTION_IDS, VALUE_RECAP)


class DraftUsage(BaseModel):
    """What drafting one part cost: model calls and tokens as the server reported them."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class PartDraft(BaseModel):
    """The drafter's output for one part. Claim ids may be empty: the assembler numbers them."""

    part: str
    claims: list[Claim] = Field(default_factory=list)
    value_recap: list[ValueRecapEntry] = Field(default_factory=list)
    caveats: list[Claim] = Field(default_factory=list)
    usage: DraftUsage = Field(default_factory=DraftUsage)
    fallback_reason: str | None = None


class Drafter(Protocol):
    """Writes one part of the recap from the evidence pack and the account's records."""

    name: str
    prompt_version: str

    def draft(self, part: str, pack: EvidencePack, bundle: Bundle) -> PartDraft:
        """Draft `part` (a section id or `value_recap`).

        Bad model output never raises: the drafter repairs it or falls back (PartDraft.fallback_reason).
        A transient failure raises TransientDraftError so the graph's RetryPolicy can retry the part.
        """
        ...

    def preflight(self) -> None:
        """Check the drafter can work at all; raise DrafterUnavailable with one clear message if not."""
        ...
