"""Mutations of a claim's wording found by regex over its text, checked against the account's records.

Each mutation returns (mutant, twin): the mutant states something the cited records do not support;
the twin is a benign rewrite of the same claim that must stay supported. None: not applicable here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from random import Random
from typing import Any

from evals.config import PROGRESS_THRESHOLD
from evals.handwritten import fmt
from state.bundle import Bundle, ObjectiveKpi, Record
from tools.kpis import why_ineligible

Rec = dict[str, Any]
Pair = tuple[Rec, Rec] | None

NUMBER = re.compile(r"(?<![\w.,-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w-]|[.,]\d)")
DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")
QUARTER = re.compile(r"\bQ[1-4]\s+\d{4}\b")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Account:
    """The records a mutation may look at."""

    bundle: Bundle
    index: dict[str, tuple[str, Record]]
    foreign_ids: tuple[str, ...]

    def cited(self, claim: Rec) -> list[Record]:
        return [self.index[c][1] for c in claim["citations"] if c in self.index]

    def cited_kpis(self, claim: Rec) -> list[ObjectiveKpi]:
        return [r for r in self.cited(claim) if isinstance(r, ObjectiveKpi)]


def edit(claim: Rec, note: str, **update: Any) -> Rec:
    """Return a copy of `claim` with fields replaced and a note of what changed."""
    return {**claim, **update, "note": note}


def splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def numeric_values(records: list[Record]) -> list[float]:
    """Return every number on the records (values, baselines, scores, ARR...)."""
    out = []
    for record in records:
        values = record.model_dump().values()
        out += [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return out


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """Return (start, end, value) of the numbers of `text`, leaving out dates, periods and quarters."""
    blocked = [m.span() for m in DATE.finditer(text)] + [m.span() for m in QUARTER.finditer(text)]
    out = []
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in blocked):
            continue
        value = float(m.group().replace(",", ""))
        if m.group().isdigit() and len(m.group()) == 4 and 1990 <= value <= 2100:
            continue  # a year
        out.append((m.start(), m.end(), value))
    return out


def derived_values(known: list[float], citations: int) -> list[float]:
    """Return the values and what can be derived from them: differences, percent changes, the citation count."""
    out = [*known, float(citations)]
    for a in known:
        for b in known:
            out.append(abs(a - b))
            if b:
                out.append(abs(a - b) / abs(b) * 100)
    return out


def _far(value: float, known: list[float]) -> bool:
    return all(abs(value - k) > max(1.0, abs(k) * 0.06) for k in known)


def _other_number(value: float, known: list[float], rng: Random) -> float | None:
    options = [value * 2 + 3, value + 7, round(value * 0.5) + 11, value * 3 + 1, value + 19]
    rng.shuffle(options)
    return next((o for o in options if _far(o, [value, *known])), None)


def wrong_number(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Change one number to a value no cited record holds; twin: the same value written another way."""
    spans = number_spans(claim["text"])
    if not spans:
        return None
    start, end, value = rng.choice(spans)
    known = derived_values(numeric_values(acc.cited(claim)), len(claim["citations"]))
    new = _other_number(value, known, rng)
    if new is None:
        return None
    raw = claim["text"][start:end]
    same = (
        raw.replace(",", "")
        if "," in raw
        else (f"{int(value):,}" if value >= 1000 else raw + ".0" if "." not in raw else raw + "0")
    )
    return (
        edit(claim, f"{raw} -> {fmt(new)}", text=splice(claim["text"], start, end, fmt(new))),
        edit(claim, f"{raw} -> {same}", text=splice(claim["text"], start, end, same)),
    )


def _values(kpi: ObjectiveKpi) -> tuple[float, float, float | None] | None:
    """Return (baseline, current, target) when baseline and current are known."""
    if kpi.baseline is None or kpi.current is None:
        return None
    return kpi.baseline, kpi.current, kpi.target


def _relative(kpi: ObjectiveKpi) -> float | None:
    values = _values(kpi)
    if values is None or values[0] == 0:
        return None
    return abs(values[1] - values[0]) / abs(values[0]) * 100


def _progress(kpi: ObjectiveKpi) -> float | None:
    values = _values(kpi)
    if values is None or values[2] is None or values[2] == values[0]:
        return None
    return (values[1] - values[0]) / (values[2] - values[0]) * 100


POINTS = re.compile(r"\b(?:rose|fell|grew|up|down|by) (\d+(?:\.\d+)?) percentage points")
CHANGE_PCT = re.compile(r"\b(?:rose|fell|grew|dropped|up|down) (\d+(?:\.\d+)?)%")


def percent_vs_points(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Swap percentage points and percent; twin: the other, correct quantity with its own word."""
    kpis = [k for k in acc.cited_kpis(claim) if k.unit == "%" and _relative(k) is not None]
    if len(kpis) != 1:
        return None
    kpi, text = kpis[0], claim["text"]
    relative, values = _relative(kpi), _values(kpi)
    if relative is None or values is None:
        return None
    points = abs(values[1] - values[0])
    if abs(points - relative) < 2:
        return None
    if m := POINTS.search(text):
        mutant = splice(text, m.start(1), m.end(), f"{m.group(1)}%")
        twin = splice(text, m.start(1), m.end(), f"{relative:.0f}%")
    elif m := CHANGE_PCT.search(text):
        mutant = splice(text, m.start(1), m.end(1) + 1, f"{m.group(1)} percentage points")
        twin = splice(text, m.start(1), m.end(1) + 1, f"{fmt(points)} percentage points")
    else:
        return None
    return edit(claim, "percent <-> points", text=mutant), edit(claim, "the correct other quantity", text=twin)


PROGRESS_PCT = re.compile(r"(\d+(?:\.\d+)?)% (?:of the way|toward target)|progress (\d+(?:\.\d+)?)%")


def wrong_derived(claim: Rec, acc: Account, rng: Random) -> Pair:
    """State progress where a percent change is meant, or the reverse; twin: the right value, one decimal."""
    kpis = [k for k in acc.cited_kpis(claim) if _progress(k) is not None and _relative(k) is not None]
    if len(kpis) != 1:
        return None
    kpi, text = kpis[0], claim["text"]
    progress, relative = _progress(kpi), _relative(kpi)
    if progress is None or relative is None or abs(progress - relative) < 5 or progress < 0:
        return None
    if m := PROGRESS_PCT.search(text):
        group = 1 if m.group(1) else 2
        wrong, right = relative, progress
    elif (m := CHANGE_PCT.search(text)) and "percentage points" not in text[m.end() : m.end() + 20]:
        group, wrong, right = 1, progress, relative
    else:
        return None
    start, end = m.span(group)
    return (
        edit(claim, f"{m.group(group)} -> {wrong:.0f}", text=splice(text, start, end, f"{wrong:.0f}")),
        edit(claim, f"{m.group(group)} -> {right:.1f}", text=splice(text, start, end, f"{right:.1f}")),
    )


def borrowed_value(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Put another KPI's value in place of the cited KPI's; twin: cite that other KPI as well, text unchanged."""
    kpis = acc.cited_kpis(claim)
    if not kpis:
        return None
    known = derived_values(numeric_values(acc.cited(claim)), len(claim["citations"]) + 1)
    for start, end, value in number_spans(claim["text"]):
        field = next((f for k in kpis for f in ("current", "target", "baseline") if getattr(k, f) == value), None)
        if field is None:
            continue
        others = [
            k
            for k in acc.bundle.objective_kpis
            if k.id not in claim["citations"]
            and getattr(k, field) is not None
            and _far(getattr(k, field), known)
            and (claim["section"] != "key_achievements" or why_ineligible(k, PROGRESS_THRESHOLD) is None)
        ]
        if not others:
            return None
        other = rng.choice(others)
        borrowed = fmt(getattr(other, field))
        return (
            edit(
                claim,
                f"{field} of {other.id}: {fmt(value)} -> {borrowed}",
                text=splice(claim["text"], start, end, borrowed),
            ),
            edit(claim, f"also cite {other.id}", citations=[*claim["citations"], other.id]),
        )
    return None


def _shift(day: dt.date, taken: set[dt.date], rng: Random) -> dt.date | None:
    steps = [3, 7, 12, 30, 45, -4, -9, -21]
    rng.shuffle(steps)
    return next((s for d in steps if (s := day + dt.timedelta(days=d)) not in taken), None)


def _record_dates(records: list[Record]) -> set[dt.date]:
    return {v for r in records for v in r.model_dump().values() if isinstance(v, dt.date)}


def shifted_date(claim: Rec, acc: Account, rng: Random) -> Pair:
    """Move a stated date off every cited record's dates; twin: the same date written out in words."""
    spans = [m for m in DATE.finditer(claim["text"]) if len(m.group()) == 10 and m.group() != claim.get("due")]
    if not spans:
        return None
    m = rng.choice(spans)
    day = dt.date.fromisoformat(m.group())
    new = _shift(day, _record_dates(acc.cited(claim)), rng)
    if new is None:
        return None
    words = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return (
        edit(claim, f"{day} -> {new}", text=splice(claim["text"], *m.span(), new.isoformat())),
        edit(claim, f"{day} -> {words}", text=splice(claim["text"], *m.span(), words)),
    )
