"""What one claim is checked against: its cited records and its cleaned text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from state.bundle import Bundle, Record
from state.recap import Claim
from tools.verify.facts import AccountFacts, account_facts
from tools.verify.text import clean_claim_text


@dataclass(frozen=True)
class Cited:
    """One cited record with its id and type key (a key of RECORD_TYPES, or 'account')."""

    id: str
    kind: str
    record: Record


@dataclass(frozen=True)
class ClaimContext:
    """A claim, the bundle it is checked against, and the records it cites."""

    claim: Claim
    bundle: Bundle
    facts: AccountFacts
    cited: tuple[Cited, ...]
    unknown: tuple[str, ...]
    text: str

    @property
    def index(self) -> dict[str, tuple[str, Record]]:
        """Map every record id of the account to its type key and record."""
        return self.facts.index

    def of_kind(self, kind: str) -> list[Record]:
        """Return the cited records of one type key."""
        return [c.record for c in self.cited if c.kind == kind]

    @cached_property
    def cited_texts(self) -> list[tuple[str, str, str]]:
        """Return (record id, field, text) for every prose field of the cited records."""
        return [(c.id, name, value) for c in self.cited for name, value in self.facts.texts(c.id)]

    @cached_property
    def cited_ids(self) -> frozenset[str]:
        """Return the ids of the cited records that exist."""
        return frozenset(c.id for c in self.cited)


def build_context(claim: Claim, bundle: Bundle, facts: AccountFacts | None = None) -> ClaimContext:
    """Resolve the claim's citations against the bundle and clean its text."""
    facts = account_facts(bundle) if facts is None else facts
    index = facts.index
    cited: list[Cited] = []
    unknown: list[str] = []
    for record_id in dict.fromkeys(claim.citations):
        if record_id in index:
            kind, record = index[record_id]
            cited.append(Cited(record_id, kind, record))
        else:
            unknown.append(record_id)
    text = _clean(claim.text, facts, unknown)
    return ClaimContext(claim, bundle, facts, tuple(cited), tuple(unknown), text)


def _clean(text: str, facts: AccountFacts, unknown: list[str]) -> str:
    """Clean the claim text, blanking the account's ids and the cited ids that are not records."""
    if not unknown:
        return clean_claim_text(text, facts.id_set)
    return clean_claim_text(text, facts.id_set | set(unknown))
