"""Judge a direction of change written without a number ('weekly active agents fell'): the cited series it
speaks of must move that way. With a number in its clause, the number rule checks the change instead."""

from __future__ import annotations

from state.bundle import ObjectiveKpi, Record
from tools.verify.context import ClaimContext
from tools.verify.findings import Finding
from tools.verify.judge_ratio import one_per_series, series_of
from tools.verify.language import is_recommendation
from tools.verify.mentions import attribute, clause_of
from tools.verify.parse import TermMention

# Particles and comparatives have too many other uses ('follow up', 'more seats', 'less manual work').
_BARE = frozenset({"up", "down", "more", "less", "fewer", "higher", "lower"})


def judge_direction(ctx: ClaimContext, term: TermMention, masked: str, numbered: list[int]) -> Finding | None:
    """Return a finding when a bare direction of change does not match the cited series it describes."""
    if term.text.lower() in _BARE or term.negated or term.conditional or is_recommendation(ctx):
        return None
    start, end = clause_of(masked, term.start)
    if any(start <= n < end for n in numbered):
        return None  # 'rose from 61 to 84': the number rule checks the change the clause states
    records = one_per_series(ctx, [c.record for c in ctx.cited if len(series_of(ctx, c.record)) > 1])
    if not records:
        return Finding("unverifiable", f"'{term.text}' states a change, but no cited record holds values over time")
    target = attribute(ctx.text, term.start, records)
    chosen = [target] if target is not None else records
    agrees = [_sign(series_of(ctx, r)) == _wanted(term, r) for r in chosen]
    if all(agrees):
        return None
    if target is None and any(agrees):
        return Finding("unverifiable", f"'{term.text}' is true of some cited series, and the claim does not say which")
    record = chosen[0]
    values = " to ".join(f"{v:g}" for v in series_of(ctx, record))
    return Finding("contradicted", f"'{term.text}' does not match {record.id}: its recorded values went {values}")


def _wanted(term: TermMention, record: Record) -> int:
    """Return the way a record must move: up or down as said; 'gains' toward a KPI's own direction."""
    if term.text.lower().startswith("gain") and isinstance(record, ObjectiveKpi) and record.direction == "decrease":
        return -1  # 'the response-time gains': the time fell, as the KPI wants
    return 1 if term.term.meaning == "up" else -1


def _sign(series: tuple[float, ...]) -> int:
    """Return +1 when a series ends above where it started, -1 below, 0 level."""
    return (series[-1] > series[0]) - (series[-1] < series[0])
