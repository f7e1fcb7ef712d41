"""Which cited record a part of a claim speaks of: the record named nearest before it in the same clause."""

from __future__ import annotations

import re
from functools import lru_cache

from state.bundle import Record, Usage
from tools.verify.numbers import find_numbers
from tools.verify.text import content_stems, stem, words

# "is On Track" names the status, not a KPI whose name holds "tracked" ("Reagents tracked by barcode").
_STATUS_PHRASES = re.compile(r"\b(?:on|off)\s+track\b|\bnot\s+started\b|\bin\s+progress\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;!?]|\.(?=\s|$)|\s[-–—]\s|\b(?:because|although|whereas)\b")


def record_name(record: Record) -> str:
    """Return a record's name or title, or a usage record's metric ('' when it has none)."""
    if isinstance(record, Usage):
        return record.metric.replace("_", " ")
    return str(getattr(record, "name", None) or getattr(record, "title", None) or "")


def name_spans(text: str, records: list[Record]) -> list[tuple[int, int]]:
    """Return the span of every place the text writes out one of the records' names (six characters or more)."""
    spans = []
    lowered = text.lower()
    for name in _names(tuple(record_name(r) for r in records)):
        at = lowered.find(name) if len(name) >= 6 else -1
        while at >= 0:
            spans.append((at, at + len(name)))
            at = lowered.find(name, at + len(name))
    return spans


@lru_cache(maxsize=64)
def _names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(n.lower() for n in names if n) - {""}


def distinctive_stems(record: Record, records: list[Record]) -> set[str]:
    """Return the stems of a record's name that no other candidate record's name shares."""
    own = {s for s in content_stems(record_name(record)) if len(s) >= 3}
    others: set[str] = set()
    for r in records:
        if r.id != record.id:
            others |= content_stems(record_name(r))
    return own - others


def name_mentions(text: str, records: list[Record]) -> list[tuple[int, Record]]:
    """Return (offset, record) for each word of `text` that names one of the records.

    The unit of a stated number ('16.3 hours', 'a 4-hour target') names no record, even when a
    record's name holds the same word ('Hours spent on month-end reporting'); nor does a status
    ('On Track', 'In Progress').
    """
    units = [(m.start, m.end) for m in find_numbers(text)] + [m.span() for m in _STATUS_PHRASES.finditer(text)]
    stems = [(r, distinctive_stems(r, records)) for r in records]
    return [
        (offset, record)
        for offset, word in words(text)
        if not any(start <= offset < end for start, end in units)
        for record, own in stems
        if stem(word) in own
    ]


def clause_of(text: str, position: int) -> tuple[int, int]:
    """Return the (start, end) of the clause around `position` (split at ';', '!', '?' and a full stop)."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, position)), default=0)
    after = _CLAUSE_END.search(text, position)
    return start, after.start() if after else len(text)


def attribute(text: str, position: int, records: list[Record]) -> Record | None:
    """Return the record a phrase at `position` speaks of; None when the claim does not say which.

    The record named nearest before it in its clause, else named later in that clause, else named
    nearest before it in an earlier clause ('... self-service reached 38%. It is on track').
    """
    if len(records) == 1:
        return records[0]
    start, end = clause_of(text, position)
    mentions = name_mentions(text, records)
    before = [m for m in mentions if start <= m[0] < position]
    if before:
        return max(before, key=lambda m: m[0])[1]
    after = [m for m in mentions if position <= m[0] < end]
    if after:
        return min(after, key=lambda m: m[0])[1]
    earlier = [m for m in mentions if m[0] < start]
    return max(earlier, key=lambda m: m[0])[1] if earlier else None
