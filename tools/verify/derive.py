"""Values a claim may state from its cited records: recorded values and values derived from them."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from itertools import combinations
from typing import TypeVar

from state.bundle import Account, Feedback, ObjectiveKpi, Record, Usage
from tools.kpis import measured_progress
from tools.verify.context import ClaimContext
from tools.verify.numbers import find_numbers
from tools.verify.text import date_fields, numeric_fields, text_fields
from tools.verify.units import PERCENT, Unit, record_unit, singular

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Candidate:
    """A number the cited records support: kind is value, count, change, progress or ratio."""

    value: float
    kind: str
    unit: Unit | None = None
    sign: int = 0
    source: str = ""  # the record (or series) it comes from
    field: str = ""  # the recorded field, for a recorded value


@dataclass(frozen=True)
class Series:
    """Values of one quantity: `actual` in time order (baseline, current), `planned` adds the target."""

    label: str
    unit: Unit | None
    actual: tuple[float, ...]
    planned: tuple[float, ...] = ()


def field_unit(record: object, field: str) -> Unit | None:
    """Return the unit of a record's numeric field."""
    if isinstance(record, ObjectiveKpi) and field in {"baseline", "current", "target"}:
        return record_unit(record.unit)
    if isinstance(record, Account) and field == "arr":
        return ("money", (record.currency or "USD").upper())
    if isinstance(record, Usage) and field == "value":
        return ("noun", singular(record.metric.replace("_", " ").split()[-1].lower()))
    if isinstance(record, Feedback) and field == "score":
        return ("noun", "score")
    return None


def value_candidates(ctx: ClaimContext) -> list[Candidate]:
    """Return every recorded number of the cited records: numeric fields and numbers in their text."""
    found: list[Candidate] = []
    for cited in ctx.cited:
        found.extend(ctx.facts.memo("values", cited.id, partial(_record_values, cited.id, cited.record)))
    return found


def _record_values(record_id: str, record: Record) -> tuple[Candidate, ...]:
    """Return one record's numeric fields, then the numbers written in its text."""
    found = [
        Candidate(value, "value", field_unit(record, field), source=record_id, field=field)
        for field, value in numeric_fields(record)
    ]
    for _, text in text_fields(record):
        found.extend(Candidate(m.value, "value", m.unit, source=record_id) for m in find_numbers(text))
    return tuple(found)


def count_candidates(ctx: ClaimContext) -> list[Candidate]:
    """Return how many records are cited: in all, per type, and per type and status."""
    per_type = Counter(c.kind for c in ctx.cited)
    counts = {len(ctx.cited), *per_type.values()}
    for kind in per_type:
        statuses = Counter(getattr(c.record, "status", None) for c in ctx.cited if c.kind == kind)
        sums = {0}
        for n in statuses.values():  # "two of three KPIs are on track or completed": sums of status counts
            sums |= {total + n for total in sums}
        counts |= sums - {0}
    return [Candidate(float(n), "count") for n in counts]


def cited_as(ctx: ClaimContext, kind: str, model: type[R]) -> list[R]:
    """Return the cited records of one type key as its model (the key always holds that model)."""
    return [record for record in ctx.of_kind(kind) if isinstance(record, model)]


def series(ctx: ClaimContext) -> list[Series]:
    """Return the ordered value series of the cited records: KPI values, usage and scores over time."""
    found = []
    for kpi in cited_as(ctx, "objective_kpis", ObjectiveKpi):
        actual = tuple(v for v in (kpi.baseline, kpi.current) if v is not None)
        planned = tuple(v for v in (kpi.baseline, kpi.current, kpi.target) if v is not None)
        found.append(Series(kpi.id, record_unit(kpi.unit), actual, planned))
    by_metric: dict[str, list[Usage]] = {}
    for usage in cited_as(ctx, "usage", Usage):
        by_metric.setdefault(usage.metric, []).append(usage)
    for metric, rows in by_metric.items():
        rows.sort(key=lambda u: u.period)
        found.append(Series(metric, field_unit(rows[0], "value"), tuple(u.value for u in rows)))
    scored = sorted(
        ((f.date, f.score) for f in cited_as(ctx, "feedback", Feedback) if f.score is not None),
        key=lambda pair: pair[0],
    )
    if len(scored) > 1:
        found.append(Series("feedback scores", ("noun", "score"), tuple(score for _, score in scored)))
    return found


def change_candidates(ctx: ClaimContext) -> list[Candidate]:
    """Return changes over time (difference, percent change, ratio) and gaps to target of each cited series."""
    found = []
    for item in series(ctx):
        for old, new in combinations(item.actual, 2):
            sign = (new > old) - (new < old)
            found.append(Candidate(abs(new - old), "change", item.unit, sign, item.label))
            if old:
                found.append(Candidate(abs(new - old) / abs(old) * 100, "percent_change", PERCENT, sign, item.label))
            if old and new:
                found.append(Candidate(max(new / old, old / new), "ratio", source=item.label))
        values = item.planned or item.actual
        for (_, first), (j, second) in combinations(enumerate(values), 2):
            # a gap that involves the target says so: 'only 50 above target' is not the change since baseline
            to = "target" if item.planned and len(item.planned) > len(item.actual) and j == len(values) - 1 else ""
            found.append(Candidate(abs(second - first), "gap", item.unit, source=item.label, field=to))
            for base in {first, second} - {0}:
                found.append(
                    Candidate(
                        abs(second - first) / abs(base) * 100, "percent_gap", PERCENT, source=item.label, field=to
                    )
                )
    return found


def progress_candidates(ctx: ClaimContext) -> list[Candidate]:
    """Return the progress toward target (in percent) of every cited KPI."""
    found = []
    for kpi in cited_as(ctx, "objective_kpis", ObjectiveKpi):
        progress = measured_progress(kpi)
        if progress is not None:
            found.append(Candidate(progress * 100, "progress", PERCENT, source=kpi.id))
        if kpi.status == "Completed":
            found.append(Candidate(100.0, "progress", PERCENT, source=kpi.id))
    return found


_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


def share_candidates(ctx: ClaimContext) -> list[Candidate]:
    """Return one cited usage value as a percent of another of the same period ('356 of 450 seats active: 79%'),
    or of the latest values of two metrics ('52 active in October, ~87% of the 60 seats counted in November')."""
    by_period: dict[str, list[float]] = {}
    latest: dict[str, Usage] = {}
    for usage in cited_as(ctx, "usage", Usage):
        by_period.setdefault(usage.period, []).append(usage.value)
        if usage.metric not in latest or usage.period > latest[usage.metric].period:
            latest[usage.metric] = usage
    groups = [*by_period.values(), [u.value for u in latest.values()]]  # 'now': each metric's latest value
    # 'reached 4,850 lapsed holders and won back 1,120': two counts one note states give a rate (23%)
    for cited in ctx.cited:
        for _, text in text_fields(cited.record):
            counts = [m.value for m in find_numbers(text) if not m.percent and (m.unit is None or m.unit[0] == "noun")]
            if 2 <= len(counts) <= 4:
                groups.append(counts)
    found = []
    for values in groups:
        for part, whole in combinations(sorted(values), 2):
            if whole and part < whole:
                found.append(Candidate(part / whole * 100, "value", PERCENT, source="share"))
    return found


def elapsed_candidates(ctx: ClaimContext, as_of: dt.date | None = None) -> list[Candidate]:
    """Return the time between any two dates of the cited records (and the recap's day), in days to years."""
    days = {d for c in ctx.cited for _, d in date_fields(c.record)} | ({as_of} if as_of else set())
    found = []
    for first, second in combinations(sorted(days), 2):
        span = (second - first).days
        found += [Candidate(span / per, "elapsed", ("time", unit)) for unit, per in _DAYS_PER.items()]
    return found


def all_candidates(ctx: ClaimContext, as_of: dt.date | None = None) -> list[Candidate]:
    """Return every number the cited records support, recorded or derived ('10 days ago' counts from `as_of`)."""
    return [
        *value_candidates(ctx),
        *count_candidates(ctx),
        *change_candidates(ctx),
        *progress_candidates(ctx),
        *share_candidates(ctx),
        *spare_seat_candidates(ctx),
        *elapsed_candidates(ctx, as_of),
    ]


_SEATS = re.compile(r"seat|licen[cs]", re.IGNORECASE)
_IN_USE = re.compile(r"active|used|assigned|occupied|in_use", re.IGNORECASE)
_SPARE = ("value", "gap")  # '62 unused seats' states a value; '20 seats left' a gap


def spare_seat_candidates(ctx: ClaimContext) -> list[Candidate]:
    """Return the seats left over in a period: a cited seat count less a cited active count of the same period
    ('232 of 250 seats, so fewer than 20 left', '62 unused seats')."""
    by_period: dict[str, list[Usage]] = {}
    for usage in cited_as(ctx, "usage", Usage):
        by_period.setdefault(usage.period, []).append(usage)
    found = []
    for rows in by_period.values():
        seats = [u.value for u in rows if _SEATS.search(u.metric) and not _IN_USE.search(u.metric)]
        active = [u.value for u in rows if not _SEATS.search(u.metric) or _IN_USE.search(u.metric)]
        found += [
            Candidate(total - used, kind, source="spare seats") for total in seats for used in active for kind in _SPARE
        ]
    return [c for c in found if c.value > 0]
