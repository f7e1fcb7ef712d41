"""What a customer never sees (contract section 6): one table, one row per excluded element.

Each row says how a claim carrying the element is recognised, so it is left out of the customer view:
by where it sits (part or value-recap field), its kind, its flags, the records it cites, or its words.
Each row may also name what must never appear in customer text at all (`markers`, `detect`): the
export checks every kept string against them and refuses, naming the claim, if one still shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from state.bundle import Bundle
from state.recap import (
    FLAG_CONFIDENTIAL,
    FLAG_DISPUTED,
    FLAG_FALLBACK,
    FLAG_INELIGIBLE_KPI,
    FLAG_MISSING_PROOF,
    FLAG_OWNER_REVIEW,
    FLAG_PERSONAL_DATA,
    FLAG_UNQUOTABLE,
    FLAG_UNRESOLVED_ISSUE,
    Claim,
)
from tools.evidence import personal_data_ids
from tools.pii import find_personal_data
from tools.render.escape import one_line

MIN_MARKER = 12  # shorter record texts ("Call", "Budget") are too common to be evidence of a leak
MARKER_EDGES = " .,;:!?\"'“”‘’()"  # a quoted sentence may lose its full stop or quotes

Ids = Callable[[Bundle], set[str]]
Texts = Callable[[Bundle], list[str]]


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


def _risk_ids(b: Bundle) -> set[str]:
    return {r.id for r in b.risks} | {a.id for a in b.activities if a.type == "Escalation"}


def _risk_texts(b: Bundle) -> list[str]:
    return [t for r in b.risks for t in (r.title, r.description) if t]


def _unquotable_ids(b: Bundle) -> set[str]:
    return {f.id for f in b.feedback if not f.permission_to_quote}


def _unquotable_texts(b: Bundle) -> list[str]:
    return [f.comment for f in b.feedback if not f.permission_to_quote and f.comment]


def _contact_details(b: Bundle) -> list[str]:
    return [t for c in b.contacts for t in (c.email, c.phone) if t]


def _confidential_ids(b: Bundle) -> set[str]:
    return {a.id for a in b.activities if a.confidential}


def _confidential_texts(b: Bundle) -> list[str]:
    return [t for a in b.activities if a.confidential for t in (a.subject, a.notes) if t]


def _note_ids(b: Bundle) -> set[str]:
    return {a.id for a in b.activities if a.type == "Note"}


def _disputed_ids(b: Bundle) -> set[str]:
    return (
        {k.id for k in b.objective_kpis if k.disputed}
        | {a.id for a in b.activities if a.disputed}
        | {r.id for r in b.risks if r.disputed}
    )


def _flat(text: str) -> str:
    return " ".join(one_line(text).lower().split())


def _pii_found(text: str) -> list[str]:
    return [f"personal data ({kind.replace('_', ' ')})" for kind in find_personal_data(text)]


@dataclass(frozen=True)
class Exclusion:
    """One element customers never see, and how it is recognised."""

    element: str
    parts: frozenset[str] = frozenset()  # sections or value-recap fields left out whole
    kinds: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    cites: Ids | None = None  # a claim citing one of these records is left out
    words: re.Pattern[str] | None = None  # a claim saying these words is left out
    markers: Texts | None = None  # record texts that must never show in customer text
    detect: Callable[[str], list[str]] | None = None  # finds the element in any text


EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion("stop reasons and verdict reasons"),  # never part of the customer document at all
    Exclusion(
        "risks and blockers",
        parts=frozenset({"risks_and_blockers", "open_risk"}),
        flags=frozenset({FLAG_UNRESOLVED_ISSUE}),
        cites=_risk_ids,
        markers=_risk_texts,
        words=_words(r"risks?\b", r"block(?:ed|er|ers|ing)?\b", r"escalat", r"overdue\b", r"unresolved\b"),
    ),
    Exclusion(
        "internal next steps and actions",
        parts=frozenset({"strategic_next_steps", "immediate_actions", "next_recommendation"}),
        kinds=frozenset({"recommendation"}),
    ),
    Exclusion("internal relationship notes (influence, engagement gaps)", parts=frozenset({"key_stakeholders"})),
    Exclusion(
        "health language",
        words=_words(
            r"off track\b", r"at risk\b", r"churn", r"health score", r"account health", r"healthy\b", r"re-engage"
        ),
    ),
    Exclusion("renewal language", words=_words(r"renew")),
    Exclusion(
        "expansion language",
        parts=frozenset({"expansion_opportunities"}),
        words=_words(
            r"expan",
            r"upsell",
            r"up-sell",
            r"cross-sell",
            r"upgrade",
            r"more seats\b",
            r"(?:licensed|active) seats\b",
            r"add-on",
        ),
    ),
    Exclusion(
        "pricing language",
        words=_words(
            r"pric",
            r"discount",
            r"ARR\b",
            r"budget",
            r"invoice",
            r"billing\b",
            r"contract value",
            r"ROI\b",
            r"money",
            r"cost",
            r"USD\b",
            r"EUR\b",
            r"GBP\b",
            r"\$",
            r"€",
            r"£",
        ),
    ),
    Exclusion("owner-review-only content", flags=frozenset({FLAG_OWNER_REVIEW})),
    Exclusion(
        "unquotable feedback", flags=frozenset({FLAG_UNQUOTABLE}), cites=_unquotable_ids, markers=_unquotable_texts
    ),
    Exclusion(
        "personal data",
        flags=frozenset({FLAG_PERSONAL_DATA}),
        cites=lambda b: set(personal_data_ids(b)),
        markers=_contact_details,
        detect=_pii_found,
    ),
    Exclusion(
        "confidential records",
        flags=frozenset({FLAG_CONFIDENTIAL}),
        cites=_confidential_ids,
        markers=_confidential_texts,
    ),
    Exclusion("internal notes", cites=_note_ids),
    Exclusion("disputed records", flags=frozenset({FLAG_DISPUTED}), cites=_disputed_ids),
    Exclusion("internal data-quality notes", flags=frozenset({FLAG_MISSING_PROOF, FLAG_FALLBACK, FLAG_INELIGIBLE_KPI})),
)


@dataclass
class Screen:
    """The exclusion table applied to one account's records."""

    bundle: Bundle
    cited: list[tuple[str, set[str]]] = field(default_factory=list)
    markers: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cited = [(e.element, e.cites(self.bundle)) for e in EXCLUSIONS if e.cites]
        self.markers = [
            (e.element, _flat(t).strip(MARKER_EDGES)) for e in EXCLUSIONS if e.markers for t in e.markers(self.bundle)
        ]
        self.markers = [(el, t) for el, t in self.markers if len(t) >= MIN_MARKER or "@" in t]

    def left_out(self, claim: Claim, part: str) -> str | None:
        """Return the element that keeps this claim (in this part or field) from customers, or None."""
        for e in EXCLUSIONS:
            if (
                part in e.parts
                or (claim.kind in e.kinds)
                or e.flags.intersection(claim.flags)
                or (e.words is not None and e.words.search(claim.text))
            ):
                return e.element
        return next((element for element, ids in self.cited if ids.intersection(claim.citations)), None)

    def leaks(self, text: str) -> list[str]:
        """Return the excluded elements that still show in `text`."""
        flat = _flat(text)
        found = [element for element, marker in self.markers if marker in flat]
        found += [hit for e in EXCLUSIONS if e.detect for hit in e.detect(text)]
        return list(dict.fromkeys(found))
