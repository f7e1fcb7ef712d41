"""What a rendering shows, whatever its format: the document model both audiences fill in.

Builders (internal.py, customer.py) decide what goes in; templates (api/templates) decide how it looks.
Every string here is plain text from records, claims or comments: templates escape it for their format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from state.bundle import Bundle
from state.run import RunView

Audience = Literal["internal", "customer"]
AUDIENCES: tuple[str, ...] = ("internal", "customer")
VERDICT_WORDS = {"supported": "supported", "contradicted": "contradicted", "unverifiable": "unverifiable"}


class Item(BaseModel):
    """One claim as shown: its text and, for the owner, its verdict, reasons, flags and record ids."""

    text: str
    label: str | None = None  # the value-recap field, e.g. "Delivered work"
    kind: str | None = None  # "proven outcome", "likely benefit", "expected"
    caveat: str | None = None  # shown after the text (a likely benefit's caveat for customers)
    owner: str | None = None
    due: str | None = None
    claim_id: str | None = None
    verdict: str | None = None
    reasons: list[str] = Field(default_factory=list)
    attested: str | None = None
    flags: list[str] = Field(default_factory=list)
    refs: list[str] = Field(default_factory=list)  # record ids (internal) or source-note numbers (customer)


class Block(BaseModel):
    """A titled list of items: a section, a goal of the value recap, the caveats, an appendix part."""

    title: str
    items: list[Item] = Field(default_factory=list)
    omitted: str | None = None  # "37 more risks, lowest severity, in the appendix"
    empty: str = "Nothing to report from the records."


class Stamp(BaseModel):
    """The decision on the run, or the draft banner."""

    status: str
    headline: str
    comment: str | None = None


class Document(BaseModel):
    """A recap ready to render for one audience."""

    audience: Audience
    account: str
    title: str
    period: str
    owner: str
    as_of: str | None = None
    stamp: Stamp
    run_line: str | None = None
    stop_reasons: list[str] = Field(default_factory=list)
    sections: list[Block] = Field(default_factory=list)
    goals: list[Block] = Field(default_factory=list)
    goals_omitted: str | None = None
    caveats: Block | None = None
    sources_title: str = "Sources"
    sources: list[tuple[str, str]] = Field(default_factory=list)
    appendix: list[Block] = Field(default_factory=list)

    def texts(self) -> list[str]:
        """Return every string the document shows (for leak checks)."""
        out = [self.account, self.title, self.period, self.owner, self.stamp.headline, self.stamp.comment or ""]
        out += self.stop_reasons + [s for pair in self.sources for s in pair]
        for block in [*self.sections, *self.goals, *([self.caveats] if self.caveats else []), *self.appendix]:
            out += [block.title, block.omitted or ""]
            for item in block.items:
                out += [item.text, item.caveat or "", item.owner or "", *item.reasons, item.attested or ""]
        return [t for t in out if t]


def period(run: RunView, bundle: Bundle) -> str:
    """Say which period the recap covers: from the earliest success plan's start to the run's date."""
    starts = sorted(p.start_date.isoformat() for p in bundle.success_plans if p.start_date)
    end = run.as_of or run.created_at[:10]
    return f"{starts[0]} to {end}" if starts and starts[0] <= end else f"up to {end}"


def stamp(run: RunView) -> Stamp:
    """Say where the run stands: approved or rejected by whom and when (with the comment), or a draft."""
    when = (run.decided_at or "")[:16].replace("T", " ")
    if run.status == "approved":
        return Stamp(status="approved", headline=f"APPROVED by {run.decided_by} on {when} UTC", comment=run.comment)
    if run.status == "rejected":
        return Stamp(status="rejected", headline=f"REJECTED by {run.decided_by} on {when} UTC", comment=run.comment)
    if run.status == "failed":
        return Stamp(status="failed", headline=f"FAILED: {run.failure or 'no reason recorded'}")
    return Stamp(
        status=run.status,
        headline=f"DRAFT: awaiting review by the account owner ({run.owner}). Nothing below is final until approved.",
    )
