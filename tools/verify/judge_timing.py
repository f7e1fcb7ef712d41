"""Judge timing words ('on time', 'late', 'a week early', 'overdue') against due and completion dates."""

from __future__ import annotations

import datetime as dt
import re

from state.bundle import Objective, PlaybookTask, Record
from tools.verify.context import ClaimContext
from tools.verify.dates import find_dates
from tools.verify.findings import Finding
from tools.verify.judge_status import inside_copied_prose
from tools.verify.language import is_recommendation
from tools.verify.mentions import attribute
from tools.verify.numwords import SMALL
from tools.verify.parse import TermMention

_NOT_TIMING_AFTER = re.compile(
    r"\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Q[1-4]|20\d\d|in\s+the|stages?|days?\s+of|adopters?|"
    r"warning|signs?|morning|afternoon|week|month|year|alert)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple\s+of)"
    r"\s+(?P<unit>day|week|month)s?(?:\s+(?:ahead\s+of|behind|after|before))?\s*$",
    re.IGNORECASE,
)
_DAYS = {"day": 1, "week": 7, "month": 30}
_AT_LEAST = re.compile(
    r"\b(?:more\s+than|over|at\s+least|upwards\s+of|well\s+over)\s+(?:\w+\s+){0,2}?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple\s+of)\s+"
    r"(?:day|week|month)s?\s*$",
    re.IGNORECASE,
)


def _dates(record: Record) -> tuple[dt.date | None, dt.date | None, bool] | None:
    """Return (due, done, is_done) for a record with a due date, else None."""
    if isinstance(record, PlaybookTask):
        return record.due_date, record.completed_date, record.status == "Completed"
    if isinstance(record, Objective):
        return record.target_date, None, (record.status or "").lower() == "completed"
    return None


def lateness(record: Record, as_of: dt.date | None) -> tuple[int, bool] | None:
    """Return (days late, done) of a record (negative days: early); None when its dates cannot tell.

    Open work is judged as of `as_of`: past its due date it is late by the days since; before, it is not late.
    """
    found = _dates(record)
    if found is None or found[0] is None:
        return None
    due, done, is_done = found
    if due is None:
        return None
    if done is not None:
        return (done - due).days, True
    if not is_done and as_of is not None:
        return (as_of - due).days, False
    return None


def _still_ahead(record: Record, as_of: dt.date | None) -> bool:
    """Tell whether a record is open work that is not yet due."""
    late = lateness(record, as_of)
    return late is not None and not late[1] and late[0] < 0


def timing_agrees(meaning: str, late: tuple[int, bool], amount: float | None, at_least: bool = False) -> bool | None:
    """Tell whether 'on time' / 'late' / 'early' (with an optional amount in days) fits; None if it cannot tell yet.

    `at_least`: the amount is a lower bound ('more than a week overdue').
    """
    days, done = late
    if meaning in {"overdue", "late_done"}:
        state = (not done) if meaning == "overdue" else done
        return state and days > 0 and (amount is None or _about(days, amount, at_least))
    if not done:  # open work: only lateness can be told, once its due date has passed
        return days > 0 if meaning == "late" else None if days <= 0 else False
    if meaning == "on_time":
        return days <= 0
    if meaning == "on_due":
        return days == 0
    if (meaning == "late" and days <= 0) or (meaning == "early" and days >= 0):
        return False
    if amount is None:
        return True
    return _about(abs(days), amount, at_least)


def _about(days: float, amount: float, at_least: bool) -> bool:
    """Tell whether `days` is the stated amount (a quarter either way), or above it when the amount is a bound."""
    return days > amount if at_least else abs(days - amount) <= max(1.0, amount * 0.25)


def _amount(masked: str, start: int) -> float | None:
    match = _AMOUNT_BEFORE.search(masked[max(0, start - 30) : start])
    if not match:
        return None
    n = match.group("n").lower()
    count = (
        1
        if n in {"a", "an", "one"}
        else 2
        if "couple" in n
        else 3
        if "few" in n
        else int(n)
        if n.isdigit()
        else SMALL.get(n, 1)
    )
    return float(count * _DAYS[match.group("unit").lower()])


def _due_on_stated_date(ctx: ClaimContext, masked: str, mention: TermMention, dated: list) -> Record | None:
    """Return the one cited record whose due date is the date the timing phrase names ('ahead of its 31 July due
    date'), so 'the second of them' is judged against the task that was due then."""
    stated = [d for d in find_dates(masked[mention.start : mention.end + 40]) if d.day and d.month]
    if not stated:
        return None
    due = [
        r
        for r in dated
        if (d := _dates(r)) and d[0] and any(s.day == d[0].day and s.month == d[0].month for s in stated)
    ]
    return due[0] if len(due) == 1 else None


def judge_timing(ctx: ClaimContext, mention: TermMention, masked: str, as_of: dt.date | None) -> Finding | None:
    """Return a finding when a timing word disagrees with (or cannot be tied to) the cited due dates."""
    if mention.conditional or _NOT_TIMING_AFTER.match(masked, mention.end):
        return None
    if inside_copied_prose(ctx, mention.start, mention.end):
        return None  # the word belongs to a record's own words copied into the claim ('trucks leave late')
    if mention.text.lower().startswith(("after", "before")) and _amount(masked, mention.start) is not None:
        return None  # '4 weeks after its due date': a time between two dates, checked as a number
    meaning = str(mention.term.meaning)
    dated = [c.record for c in ctx.cited if lateness(c.record, as_of) is not None]
    if not dated:
        return Finding(
            "unverifiable",
            f"'{mention.text}' states timing, but no cited record has both a due date "
            "and a completion date (or is past due)",
        )
    by_date = _due_on_stated_date(ctx, masked, mention, dated)
    target = by_date or attribute(ctx.text, mention.start, dated)
    chosen = [target] if target is not None else dated
    if meaning in {"on_time", "early"} and is_recommendation(ctx) and all(_still_ahead(r, as_of) for r in chosen):
        return None  # 'book it ahead of its 15 December due date': advice about work not yet due, not a record
    amount = _amount(masked, mention.start)
    at_least = bool(_AT_LEAST.search(masked[max(0, mention.start - 50) : mention.start]))
    results = [timing_agrees(meaning, lateness(r, as_of) or (0, True), amount, at_least) for r in chosen]
    results = [None if r is None else r != mention.negated for r in results]
    if all(r is True for r in results):
        return None
    if any(r is not False for r in results):
        return Finding("unverifiable", f"'{mention.text}' cannot be told from the cited records' dates")
    record = chosen[0]
    due, done, _ = _dates(record) or (None, None, False)
    days, _ = lateness(record, as_of) or (0, True)
    said = f"{amount:g} days" if amount is not None else ""
    gap = f" ({days} days past due{f', not {said}' if said else ''})" if days > 0 else ""
    return Finding(
        "contradicted",
        f"'{mention.text}' does not match {record.id}: due {due}"
        f"{f', completed {done}' if done else ', not completed'}{gap}",
    )
