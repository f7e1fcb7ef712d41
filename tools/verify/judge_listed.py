"""Judge the records a count lists by name: 'Two KPIs are Off Track: churn and online bookings'.

The count itself may be right while the records it names are the wrong ones; each named record must have
the property the count states.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from state.bundle import Record
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.mentions import name_mentions, record_name
from tools.verify.parse import TermMention
from tools.verify.predicates import holds_by_kind

_LIST_START = re.compile(r"\s*(?::|—|–|\s-\s|\()\s*")
_LIST_END = re.compile(r"[.;)]|$")
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|plus|\+|&)\s+", re.IGNORECASE)


def listed_records(text: str, start: int, pool: list[Record]) -> list[Record]:
    """Return the records of `pool` a list right after `start` names, one per item ('X, Y and Z')."""
    opening = _LIST_START.match(text, start)
    if opening is None:
        return []
    stop = _LIST_END.search(text, opening.end())
    body = text[opening.end() : stop.start() if stop else len(text)]
    found = []
    for item in _ITEM_SPLIT.split(body):
        votes = Counter(r.id for _, r in name_mentions(item, pool))
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            found.append(next(r for r in pool if r.id == ranked[0][0]))
    return found


def judge_listed(
    ctx: ClaimContext, pool: list[Record], preds: list[TermMention], end: int, as_of: dt.date | None
) -> list[Finding]:
    """Return a finding for each record a count names that does not have the counted property."""
    if not preds:
        return []
    stated = " / ".join(p.text for p in preds)
    return [
        Finding("contradicted", f"{record_name(record)} ({record.id}) is listed as '{stated}', but it is not")
        for record in listed_records(ctx.text, end, pool)
        if _lacks(record, preds, as_of)
    ][:1]


def _lacks(record: Record, preds: list[TermMention], as_of: dt.date | None) -> bool:
    """Tell whether the record surely lacks the stated property."""
    return False in holds_by_kind(record, preds, as_of)
