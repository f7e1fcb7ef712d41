"""Rule 5: every date a claim states matches a date on a cited record (recommendation due dates exempt)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial

from state.bundle import PlaybookTask, Record
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.text import date_fields, text_fields

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
MONTH_NAME = _MON


def month_number(name: str) -> int | None:
    """Return the number of a month written as a name ('March', 'Sept.')."""
    return MONTHS.get(name.rstrip(".").lower())


_MON_ALONE = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_YEAR_OR_SHORT = rf"(?:{_YEAR}|['’]\d\d(?![\d%]))"  # '30 June 2027', 'June '27'
_RANGE = r"\s*(?:→|->|–|—|-|to|through|until|and|&)\s*"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?<![\w-])(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])")),
    ("iso_month", re.compile(rf"(?<![\w-])(?P<y>{_YEAR})-(?P<m>\d\d)(?![\d-])")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MON}),?\s+(?P<y>{_YEAR_OR_SHORT})\b")),
    ("mdy", re.compile(rf"\b(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b")),
    ("range", re.compile(rf"\b(?P<m0>{_MON}){_RANGE}(?P<m>{_MON}),?\s+(?P<y>{_YEAR})\b")),
    ("my", re.compile(rf"\b(?P<m>{_MON}),?\s+(?P<y>{_YEAR_OR_SHORT})\b")),
    ("md", re.compile(rf"\b(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[%:])")),
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MON})\b")),
    ("quarter", re.compile(rf"\b(?:Q(?P<q>[1-4])\s*(?P<y>{_YEAR})?|(?P<y2>{_YEAR})\s*Q(?P<q2>[1-4]))\b")),
    ("fiscal", re.compile(r"\bFY\s?(?P<y>\d{4}|\d{2})\b")),
    ("month", re.compile(rf"\b(?P<m>{_MON_ALONE})(?![\w-])")),
    ("year", re.compile(rf"(?<![\w.,$€£-])(?P<y>{_YEAR})(?![\w%-]|[.,]\d)")),
]


@dataclass(frozen=True)
class DateMention:
    """A date stated in text, to the precision written (missing parts are None)."""

    raw: str
    start: int
    end: int
    year: int | None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    bare_year: bool = False


def find_dates(text: str) -> list[DateMention]:
    """Return every date stated in `text`, most specific reading first, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mentions = _read(name, match)
            if mentions:
                found.extend(mentions)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def _year(text: str) -> int:
    """Return the year written: '2027', or "'27" for 2027."""
    return 2000 + int(text[1:]) if text[0] in "'’" else int(text)


def _read(name: str, match: re.Match[str]) -> list[DateMention]:
    """Turn one pattern match into date mentions (two for a month range)."""
    parts = match.groupdict()
    raw, start, end = match.group(), match.start(), match.end()
    year = _year(parts["y"]) if parts.get("y") else None
    if name == "quarter":
        year = int(parts["y"] or parts["y2"]) if (parts["y"] or parts["y2"]) else None
        return [DateMention(raw, start, end, year, quarter=int(parts["q"] or parts["q2"]))]
    if name == "fiscal":
        value = int(parts["y"])
        return [DateMention(raw, start, end, value + 2000 if value < 100 else value)]
    month = _month(parts.get("m"))
    day = int(parts["d"]) if parts.get("d") else None
    if month is None and name != "year":
        return []
    if day is not None and not 1 <= day <= 31:
        return []
    mention = DateMention(raw, start, end, year, month, day, bare_year=name == "year")
    if name == "range":
        return [DateMention(raw, start, end, year, _month(parts["m0"])), mention]
    return [mention]


def _month(text: str | None) -> int | None:
    """Return the month number of a month name or a two-digit month."""
    if not text:
        return None
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTHS.get(text.rstrip(".").lower())


def cited_dates(ctx: ClaimContext) -> list[DateMention]:
    """Return every date on the cited records: date fields, usage periods, dates in their text."""
    found: list[DateMention] = []
    for cited in ctx.cited:
        found.extend(ctx.facts.memo("dates", cited.id, partial(_record_dates, cited.record)))
    return found


def _record_dates(record: Record) -> tuple[DateMention, ...]:
    """Return the dates of one record: its date fields, then the dates written in its text."""
    found = [
        DateMention(value.isoformat(), 0, 0, value.year, value.month, value.day) for _, value in date_fields(record)
    ]
    for _, text in text_fields(record):
        found.extend(find_dates(text))
    return tuple(found)


def agrees(stated: DateMention, recorded: DateMention) -> bool:
    """Tell whether a recorded date confirms a stated one at the precision stated."""
    for part in ("year", "month", "day"):
        want = getattr(stated, part)
        if want is not None and getattr(recorded, part) != want:
            return False
    if stated.quarter is not None:
        quarter = recorded.quarter or (recorded.month and (recorded.month - 1) // 3 + 1)
        return quarter == stated.quarter
    return True


def parse_due(due: str | None) -> dt.date | None:
    """Return a recommendation's due date, or None when it is missing or not ISO."""
    try:
        return dt.date.fromisoformat(due[:10]) if due else None
    except ValueError:
        return None


def check_dates(ctx: ClaimContext, mentions: list[DateMention], due: dt.date | None) -> list[str]:
    """Return a reason for each stated date that no cited record (nor the recommendation's due) confirms."""
    recorded = cited_dates(ctx)
    exempt = DateMention("due", 0, 0, due.year, due.month, due.day) if due else None
    reasons = []
    for mention in mentions:
        if any(agrees(mention, r) for r in recorded) or (exempt and agrees(mention, exempt)):
            continue
        if mention.bare_year:
            continue  # judged as a number instead (a year in a name, '2026 plan')
        shown = ", ".join(sorted({r.raw for r in recorded if r.year})[:6]) or "none"
        reasons.append(f"the date '{mention.raw}' does not match any date on the cited records (dates: {shown})")
    return reasons


# 'rolled out right on the Aug 15 date': a date given to an act of finishing is when it was finished
_DONE_BEFORE = re.compile(
    r"\b(?:rolled\s+out|went\s+live|gone\s+live|launched|completed|finished|delivered|shipped|closed|wrapped\s+up|"
    r"signed\s+off|installed|fitted|done|deployed|landed)\b(?:\s+[\w'’-]+){0,3}?\s+(?:on|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def judge_completion_dates(ctx: ClaimContext, mentions: list[DateMention]) -> list[Finding]:
    """Return a finding when the date a claim gives a finished task is its due date, not the day it was finished."""
    tasks = [c.record for c in ctx.cited if isinstance(c.record, PlaybookTask) and c.record.completed_date]
    for mention in mentions:
        if mention.day is None or not _DONE_BEFORE.search(ctx.text[max(0, mention.start - 60) : mention.start]):
            continue
        for task in tasks:
            done, due = task.completed_date, task.due_date
            if done is None or due is None or done == due:
                continue
            if agrees(mention, _as_mention(due)) and not agrees(mention, _as_mention(done)):
                return [
                    Finding(
                        "contradicted",
                        f"'{mention.raw}' is given as the day {task.title} ({task.id}) was finished, but that is its "
                        f"due date: it was completed on {done.isoformat()}",
                    )
                ]
    return []


def _as_mention(day: dt.date) -> DateMention:
    return DateMention(day.isoformat(), 0, 0, day.year, day.month, day.day)
