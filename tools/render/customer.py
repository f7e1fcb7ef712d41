"""The customer's view of an approved run: only what the exclusion table lets through, sources in plain words."""

from __future__ import annotations

from state.bundle import Bundle, Record
from state.errors import ExportRefused
from state.recap import SECTION_IDS, SECTION_TITLES, Claim
from state.run import RunView
from tools.render.document import Block, Document, Item, Stamp, period
from tools.render.exclusions import Screen
from tools.render.internal import FIELD_TITLES
from tools.render.sources import SourceNotes

EXPECTED_CAVEAT = "not yet measured"


class _Builder:
    """Collects the kept claims as items, their source notes, and every leak found on the way."""

    def __init__(self, bundle: Bundle) -> None:
        self.screen = Screen(bundle)
        self.index: dict[str, Record] = {rid: rec for rid, (_, rec) in bundle.index().items()}
        self.notes = SourceNotes(self.index)
        self.problems: list[str] = []

    def item(self, claim: Claim, part: str, label: str | None = None) -> Item | None:
        if self.screen.left_out(claim, part):
            return None
        self.problems += [f"claim {claim.id} would show {element}" for element in self.screen.leaks(claim.text)]
        expected = claim.kind == "likely_benefit"
        caveat = EXPECTED_CAVEAT if expected and EXPECTED_CAVEAT not in claim.text.lower() else None
        kind = "expected benefit" if expected else ("proven outcome" if claim.kind == "proven_outcome" else None)
        return Item(text=claim.text, label=label, kind=kind, caveat=caveat, refs=self.notes.refs(claim.citations))

    def items(self, claims: list[Claim], part: str) -> list[Item]:
        return [i for c in claims if (i := self.item(c, part)) is not None]

    def sources(self) -> list[tuple[str, str]]:
        notes = self.notes.notes()
        self.problems += [
            f"source note {n} would show {element}" for n, text in notes for element in self.screen.leaks(text)
        ]
        return notes


def _goals(run: RunView, bundle: Bundle, b: _Builder) -> list[Block]:
    assert run.recap is not None
    names = {o.id: o.name for o in bundle.objectives}
    goals = []
    for entry in run.recap.value_recap:
        items = [i for field, c in entry.claims() if (i := b.item(c, field, FIELD_TITLES[field])) is not None]
        if any(i.label != FIELD_TITLES["goal"] for i in items):  # a goal with nothing to show is left out
            goals.append(Block(title=names.get(entry.objective_id, "Goal"), items=items))
    return goals


def _stamp(run: RunView) -> Stamp:
    day = (run.decided_at or "")[:10]
    return Stamp(status="approved", headline=f"Reviewed and approved by {run.decided_by} on {day}")


def customer_document(run: RunView, bundle: Bundle) -> Document:
    """Build the customer-facing view of an approved run; refuse (naming why) rather than leak."""
    if run.status != "approved" or run.recap is None:
        raise ExportRefused(
            f"run '{run.run_id}' is {run.status}: only an approved recap can be exported for the customer"
        )
    b = _Builder(bundle)
    sections = [
        Block(title=SECTION_TITLES[s], items=items)
        for s in SECTION_IDS
        if (items := b.items(run.recap.sections.get(s, []), s))
    ]
    goals = _goals(run, bundle, b)
    caveats = b.items(run.recap.caveats, "caveats")
    doc = Document(
        audience="customer",
        account=bundle.account.name,
        title=f"{bundle.account.name}: value recap",
        period=period(run, bundle),
        owner=run.owner,
        as_of=run.as_of,
        stamp=_stamp(run),
        sections=sections,
        goals=goals,
        caveats=Block(title="Notes on the evidence", items=caveats) if caveats else None,
        sources=b.sources(),
    )
    b.problems += [
        f"the header would show {element}" for text in (doc.account, doc.title) for element in b.screen.leaks(text)
    ]
    if b.problems:
        raise ExportRefused(
            "customer export refused: "
            + "; ".join(dict.fromkeys(b.problems))
            + ". An approved recap does not change: replay the run from its review pause, "
            "edit or remove those claims, and approve again."
        )
    return doc
