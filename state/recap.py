"""The recap document: claims, sections, value recap, stop reasons (spec sections 1, 3 and 6)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SECTION_IDS: tuple[str, ...] = (
    "key_stakeholders",
    "executive_summary",
    "key_achievements",
    "risks_and_blockers",
    "expansion_opportunities",
    "strategic_next_steps",
    "immediate_actions",
)
SECTION_TITLES: dict[str, str] = {
    "key_stakeholders": "Key Stakeholders",
    "executive_summary": "Executive Summary",
    "key_achievements": "Key Achievements",
    "risks_and_blockers": "Risks and Blockers",
    "expansion_opportunities": "Expansion Opportunities",
    "strategic_next_steps": "Strategic Next Steps",
    "immediate_actions": "Immediate Actions",
}
RECOMMENDATION_SECTIONS = frozenset({"strategic_next_steps", "immediate_actions"})
VALUE_FIELDS: tuple[str, ...] = (
    "goal",
    "delivered_work",
    "evidence",
    "outcome",
    "open_risk",
    "next_recommendation",
)
VALUE_RECAP = "value_recap"
CAVEATS = "caveats"

ClaimKind = Literal["proven_outcome", "likely_benefit", "recommendation"]
# supported: everything the claim asserts was checked against its cited records; contradicted: a cited
# record says otherwise; unverifiable: something it asserts cannot be tied to cited values.
Verdict = Literal["supported", "contradicted", "unverifiable"]
VERDICTS: tuple[str, ...] = Verdict.__args__  # type: ignore[attr-defined]
StopCode = Literal[
    "unsupported_claims",
    "disputed_data",
    "incomplete_data",
    "unresolved_customer_issue",
    "sensitive_details",
    "permission_missing",
]
STOP_CODES: tuple[str, ...] = StopCode.__args__  # type: ignore[attr-defined]

# Flags a claim can carry. owner_review is the spec's; the others name why a claim needs a look.
FLAG_OWNER_REVIEW = "owner_review"
FLAG_DISPUTED = "disputed"
FLAG_CONFIDENTIAL = "confidential"
FLAG_PERSONAL_DATA = "personal_data"
FLAG_UNQUOTABLE = "unquotable_feedback"
FLAG_INELIGIBLE_KPI = "ineligible_kpi"
FLAG_MISSING_PROOF = "missing_proof"
FLAG_UNRESOLVED_ISSUE = "unresolved_customer_issue"
FLAG_FALLBACK = "offline_fallback"
FLAG_JUDGE_DOUBT = "judge_doubt"


class Claim(BaseModel):
    """One sentence of the recap with the record ids that back it and its verdict."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    citations: list[str] = Field(default_factory=list)
    kind: ClaimKind | None = None
    owner: str | None = None
    due: str | None = None
    section: str | None = None
    origin: Literal["drafter", "owner"] = "drafter"
    flags: list[str] = Field(default_factory=list)
    verdict: Verdict = "unverifiable"
    supported: bool = False
    reasons: list[str] = Field(default_factory=list)
    attested_by: str | None = None
    attested_at: str | None = None

    @model_validator(mode="after")
    def _verdict_and_supported_agree(self) -> Claim:
        # Claims stored before verdicts existed carry only `supported`; a claim given only a verdict
        # gets the boolean that goes with it.
        if "verdict" not in self.model_fields_set:
            self.verdict = "supported" if self.supported else "unverifiable"
        elif "supported" not in self.model_fields_set:
            self.supported = self.verdict == "supported"
        return self

    def with_flag(self, flag: str) -> Claim:
        """Return a copy carrying `flag` once."""
        if flag in self.flags:
            return self
        return self.model_copy(update={"flags": [*self.flags, flag]})


class ValueRecapEntry(BaseModel):
    """What one customer goal was, what was delivered, what it proved and what comes next."""

    objective_id: str
    goal: Claim
    delivered_work: list[Claim] = Field(default_factory=list)
    evidence: list[Claim] = Field(default_factory=list)
    outcome: Claim
    open_risk: list[Claim] = Field(default_factory=list)
    next_recommendation: Claim

    def claims(self) -> Iterator[tuple[str, Claim]]:
        """Yield (field, claim) for every claim of the entry in display order."""
        for field in VALUE_FIELDS:
            value = getattr(self, field)
            for claim in value if isinstance(value, list) else [value]:
                yield field, claim


class Omitted(BaseModel):
    """Claims a part left out to stay within its bound: counted in the draft, listed in the internal appendix."""

    part: str
    noun: str
    order: str
    claims: list[Claim] = Field(default_factory=list)

    def line(self) -> str:
        """Say in one line what was left out: "37 more risks, lowest severity, in the appendix"."""
        return f"{len(self.claims)} more {self.noun}, {self.order}, in the appendix"


def _empty_sections() -> dict[str, list[Claim]]:
    return {s: [] for s in SECTION_IDS}


class Recap(BaseModel):
    """The account summary (seven sections), the value recap and the proof-and-caveat list."""

    sections: dict[str, list[Claim]] = Field(default_factory=_empty_sections)
    value_recap: list[ValueRecapEntry] = Field(default_factory=list)
    caveats: list[Claim] = Field(default_factory=list)
    appendix: list[Omitted] = Field(default_factory=list)

    def to_state(self) -> dict:
        """Return the compact plain-JSON form kept in graph state (defaults left out)."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def all_claims(self) -> Iterator[Claim]:
        """Yield every claim of the recap in document order."""
        for section in SECTION_IDS:
            yield from self.sections.get(section, [])
        for entry in self.value_recap:
            for _, claim in entry.claims():
                yield claim
        yield from self.caveats

    def claim(self, claim_id: str) -> Claim | None:
        """Return the claim with this id, or None."""
        return next((c for c in self.all_claims() if c.id == claim_id), None)

    def map_claims(self, fn) -> Recap:  # noqa: ANN001 - fn: Callable[[Claim], Claim | None]
        """Return a copy with `fn` applied to every claim; a None result removes a list claim."""
        sections = {s: [c2 for c in self.sections.get(s, []) if (c2 := fn(c)) is not None] for s in SECTION_IDS}
        entries = []
        for entry in self.value_recap:
            update = {}
            for field in VALUE_FIELDS:
                value = getattr(entry, field)
                if isinstance(value, list):
                    update[field] = [c2 for c in value if (c2 := fn(c)) is not None]
                else:
                    update[field] = fn(value) or value
            entries.append(entry.model_copy(update=update))
        caveats = [c2 for c in self.caveats if (c2 := fn(c)) is not None]
        return Recap(sections=sections, value_recap=entries, caveats=caveats, appendix=self.appendix)


class StopReason(BaseModel):
    """Why the run must wait for the owner (spec section 3, stop rules)."""

    code: StopCode
    message: str
    claim_ids: list[str] = Field(default_factory=list)
    record_ids: list[str] = Field(default_factory=list)
