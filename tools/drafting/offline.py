"""The offline drafter: deterministic, template-based sentences composed from the records, no network.

Every sentence states only facts of the records it cites. Notes and comments are data: the drafter
lifts only sentences that name an expansion signal, and never follows what a note says.
"""

from __future__ import annotations

from collections.abc import Callable

from state.bundle import Bundle
from state.errors import InputInvalid
from state.evidence import EvidencePack
from state.recap import VALUE_RECAP, Claim
from tools.drafting.base import DRAFT_PARTS, PartDraft
from tools.drafting.offline_actions import expansion_opportunities, immediate_actions, strategic_next_steps
from tools.drafting.offline_risks import risks_and_blockers
from tools.drafting.offline_summary import executive_summary, key_achievements, key_stakeholders
from tools.drafting.offline_value import value_recap
from tools.drafting.phrases import achievement_claim

__all__ = ["OfflineDrafter", "achievement_claim"]

SECTION_WRITERS: dict[str, Callable[[EvidencePack, Bundle], list[Claim]]] = {
    "key_stakeholders": key_stakeholders,
    "executive_summary": executive_summary,
    "key_achievements": key_achievements,
    "risks_and_blockers": risks_and_blockers,
    "expansion_opportunities": expansion_opportunities,
    "strategic_next_steps": strategic_next_steps,
    "immediate_actions": immediate_actions,
}


class OfflineDrafter:
    """Draft recap parts from templates; the same pack and records always give the same draft."""

    name = "offline"
    prompt_version = "offline-1"

    def preflight(self) -> None:
        """Do nothing: the offline drafter needs no model."""

    def draft(self, part: str, pack: EvidencePack, bundle: Bundle) -> PartDraft:
        """Draft `part` (a section id or `value_recap`)."""
        if part not in DRAFT_PARTS:
            raise InputInvalid(f"unknown recap part: {part}")
        if part == VALUE_RECAP:
            entries, caveats = value_recap(pack, bundle)
            return PartDraft(part=part, value_recap=entries, caveats=caveats)
        return PartDraft(part=part, claims=SECTION_WRITERS[part](pack, bundle))
