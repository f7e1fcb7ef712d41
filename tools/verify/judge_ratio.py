"""Judge multipliers ('doubled', 'halved', 'more than tripled') and fractions ('a third', 'three-quarters')."""

from __future__ import annotations

import re

from state.bundle import ObjectiveKpi, Record, Usage
from tools.verify.context import ClaimContext
from tools.verify.derive import field_unit, share_candidates
from tools.verify.findings import Finding
from tools.verify.hints import sign_before
from tools.verify.mentions import attribute, clause_of
from tools.verify.numbers import find_numbers
from tools.verify.parse import TermMention
from tools.verify.text import fmt_number

_BOUND_BEFORE = re.compile(
    r"\b(?P<b>more\s+than|over|nearly|almost|about|roughly|around|at\s+least|less\s+than|"
    r"just\s+under|just\s+over|close\s+to|approximately|under|below|fewer\s+than)\s+$",
    re.IGNORECASE,
)
_TOLERANCE = 0.05  # 'doubled' for x1.9 to x2.1; 'tripled' is not x2.8
_NEARLY = 0.1  # 'nearly doubled' for x1.8 to x2.02; 'nearly tripled' is not x2.59


def series_of(ctx: ClaimContext, record: Record) -> tuple[float, ...]:
    """Return the values over time of a cited KPI (baseline, current) or usage metric (by period)."""
    if isinstance(record, ObjectiveKpi):
        return tuple(v for v in (record.baseline, record.current) if v is not None)
    if isinstance(record, Usage):
        rows = sorted(
            (u for u in ctx.of_kind("usage") if isinstance(u, Usage) and u.metric == record.metric),
            key=lambda u: u.period,
        )
        return tuple(u.value for u in rows)
    return ()


def one_per_series(ctx: ClaimContext, records: list[Record]) -> list[Record]:
    """Keep one record per series (the usage rows of one metric are one series)."""
    seen: dict[str, Record] = {}
    for record in records:
        key = f"usage:{record.metric}" if isinstance(record, Usage) else record.id
        seen.setdefault(key, record)
    return list(seen.values())


def bound_of(masked: str, start: int) -> str:
    """Return the bound word right before a position ('more than', 'nearly'...), or ''."""
    match = _BOUND_BEFORE.search(masked[max(0, start - 20) : start])
    return re.sub(r"\s+", " ", match.group("b").lower()) if match else ""


def within(actual: float, said: float, bound: str) -> bool:
    """Tell whether `actual` bears out `said` under a bound word (both as multipliers above 1)."""
    if bound in {"more than", "over", "just over"}:
        return said < actual <= said * 1.5
    if bound == "at least":
        return said <= actual <= said * 1.5
    if bound in {"nearly", "almost", "just under", "close to"}:
        return said * (1 - _NEARLY) <= actual <= said * 1.01
    if bound in {"less than", "under", "below", "fewer than"}:
        return said * 0.6 <= actual < said
    return abs(actual - said) <= said * _TOLERANCE


def _ratios(series: tuple[float, ...]) -> list[float]:
    """Return later/earlier for each ordered pair of a series, as a multiplier (a fall of x0.5 reads as 2)."""
    out = []
    for i, old in enumerate(series):
        for new in series[i + 1 :]:
            if old and new:
                out.append(new / old if new >= old else -(old / new))
    return out


def judge_ratio(ctx: ClaimContext, mention: TermMention, masked: str) -> Finding | None:
    """Return a finding when a multiplier is not borne out by the cited series it describes."""
    said = float(mention.term.meaning or 0)
    # 'halved' falls by itself; 'fell tenfold' falls by the verb before it
    falling = said < 1 or ("fold" in mention.text.lower() and sign_before(masked[: mention.start][-60:]) < 0)
    said = 1 / said if said < 1 else said
    records = one_per_series(ctx, [c.record for c in ctx.cited if len(series_of(ctx, c.record)) > 1])
    if not records:
        return Finding(
            "unverifiable", f"'{mention.text}' states a multiplier, but no cited record holds values over time"
        )
    target = attribute(ctx.text, mention.start, records)
    chosen = [target] if target is not None else records
    bound = bound_of(masked, mention.start)
    seen = []
    for record in chosen:
        for ratio in _ratios(series_of(ctx, record)):
            if (ratio < 0) == falling and within(abs(ratio), said, bound):
                return None
            seen.append(f"x{fmt_number(round(abs(ratio), 2))} {'down' if ratio < 0 else 'up'}")
    if target is None and len(records) > 1:
        return Finding("unverifiable", f"'{mention.text}' does not say which cited series it describes")
    return Finding(
        "contradicted",
        f"'{(bound + ' ' if bound else '') + mention.text}' does not match "
        f"{chosen[0].id}: the recorded change is {', '.join(seen[:3]) or 'none'}",
    )


def _spoken_of(kpi: ObjectiveKpi, text: str) -> tuple[float | None, ...]:
    """Return the KPI values a share may be: the current, and the baseline or target only when the claim names
    them ('up from a tenth at baseline', 'against a goal of three-quarters')."""
    values = [kpi.current]
    if _BASELINE_WORDS.search(text):
        values.append(kpi.baseline)
    if _TARGET_WORDS.search(text):
        values.append(kpi.target)
    return tuple(values)


_BASELINE_WORDS = re.compile(r"\b(?:baseline|from|was|were|used\s+to|originally|started|kick-?off|before)\b", re.I)
_TARGET_WORDS = re.compile(r"\b(?:target|goal|aim|aiming|plan|planned)\b", re.IGNORECASE)


def fraction_candidates(ctx: ClaimContext, record: Record | None) -> dict[str, list[float]]:
    """Return the shares a fraction may state, by kind: change (percent change), ratio (new/old), share."""
    records = [record] if record is not None else [c.record for c in ctx.cited]
    text = ctx.text
    out: dict[str, list[float]] = {"change": [], "ratio": [], "share": [], "progress": []}
    for r in records:
        series = series_of(ctx, r)
        pairs = [(old, new) for i, old in enumerate(series) for new in series[i + 1 :] if old]
        out["change"] += [abs(new - old) / abs(old) for old, new in pairs]  # 'cut by three-quarters'
        out["ratio"] += [new / old for old, new in pairs if new < old]  # 'down to a third of what it was'
        if isinstance(r, ObjectiveKpi) and None not in (r.baseline, r.current, r.target) and r.target != r.baseline:
            out["progress"].append((r.current - r.baseline) / (r.target - r.baseline))  # type: ignore[operator]
        if isinstance(r, ObjectiveKpi) and field_unit(r, "current") == ("percent", "%"):
            out["share"] += [v / 100 for v in _spoken_of(r, text) if v is not None]
    if record is None or isinstance(record, Usage):  # 'four-fifths of the 240 seats': usage of one period
        out["share"] += [c.value / 100 for c in share_candidates(ctx)]
    return out


_CHANGE_BEFORE = re.compile(
    r"\b(?:cut|reduc\w*|f[ae]ll(?:en|s|ing)?|drop\w*|declin\w*|decreas\w*|shr[iau]nk\w*|gr[eo]w\w*|"
    r"r[io]s\w*|increas\w*|down|up|lower\w*|trimm\w*|slash\w*|climb\w*|improv\w*|jump\w*|gain\w*|"
    r"eas(?:ed|ing)|dipp\w*|sh[eo]d\w*|sunk|sank|gone\s+(?:up|down))\s+(?:by\s+)?(?:more\s+than\s+|"
    r"nearly\s+|almost\s+|about\s+|roughly\s+|over\s+|just\s+over\s+|just\s+under\s+|under\s+|"
    r"less\s+than\s+|close\s+to\s+|around\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
_CHANGE_IN_CLAUSE = re.compile(
    r"\b(?:cut|reduc\w*|f[ae]ll\w*|drop\w*|declin\w*|decreas\w*|shr[iau]nk\w*|gr[eo]w\w*|r[io]s\w*|increas\w*|"
    r"down|up|lower\w*|higher|fewer|trimm\w*|slash\w*|climb\w*|improv\w*|jump\w*|gain\w*|"
    r"eas(?:ed|ing)|dipp\w*|change\w*|since)\b",
    re.IGNORECASE,
)
_RATIO_AROUND = re.compile(r"\bto\s+(?:about\s+|roughly\s+|nearly\s+|under\s+)?$", re.IGNORECASE)


_PERIOD = re.compile(r"an?\s+quarter$", re.IGNORECASE)
_UNIT_WORDS = re.compile(r"^(?:\s+[A-Za-z/-]+){0,2}\s+$")


def _per_period(masked: str, mention: TermMention) -> bool:
    """Tell whether 'a quarter' follows an amount ('EUR 265,000 a quarter', '16 a quarter'): a period, no share."""
    if not _PERIOD.search(mention.text):
        return False
    amounts = find_numbers(masked[: mention.start])
    return bool(amounts) and bool(_UNIT_WORDS.match(masked[amounts[-1].end : mention.start]))


# 'more than a third of lift tickets are now bought online, up from 18%': the fraction is of the tickets (a share
# of the whole), whatever change the clause also states
_MISSING = re.compile(
    r"\b(?:fail\w*|miss\w*|not|never|without|lack\w*|unused|idle|short|still\s+(?:waiting|open|manual|on\s+paper))\b",
    re.IGNORECASE,
)
_OF_A_WHOLE = re.compile(r"\s+of\s+(?!(?:what|its|the|their|that|this|it)\b)[a-z]", re.IGNORECASE)


def judge_fraction(ctx: ClaimContext, mention: TermMention, masked: str, text_shares: list[float]) -> Finding | None:
    """Return a finding when a fraction matches no share of the kind the sentence states."""
    if _per_period(masked, mention):
        return None
    said = float(mention.term.meaning or 0)
    records = [c.record for c in ctx.cited if series_of(ctx, c.record) or isinstance(c.record, ObjectiveKpi)]
    target = attribute(ctx.text, mention.start, records) if records else None
    by_kind = fraction_candidates(ctx, target)
    before = masked[max(0, mention.start - 40) : mention.start]
    if _CHANGE_BEFORE.search(before):
        shares = by_kind["change"]
    elif _RATIO_AROUND.search(before) or re.match(r"\s+of\s+(?:what|its|the|their)\b", masked[mention.end :]):
        shares = by_kind["ratio"] + by_kind["share"] + by_kind["progress"]
    elif _OF_A_WHOLE.match(masked[mention.end :]) and by_kind["share"]:
        shares = by_kind["share"] + text_shares  # 'a third of lift tickets' for a percent KPI: its value
        if _MISSING.search(masked[slice(*clause_of(masked, mention.start))]):
            shares += [1 - s for s in by_kind["share"] if 0 < s < 1]  # 'texts still fail for a quarter' at 74%
    elif _CHANGE_IN_CLAUSE.search(masked[slice(*clause_of(masked, mention.start))]):
        shares = [v for values in by_kind.values() for v in values] + text_shares
    else:  # 'more than two-thirds of rent now collected': a share of the whole, not the change since baseline
        shares = by_kind["share"] + by_kind["progress"] + by_kind["ratio"] + text_shares
    bound = bound_of(masked, mention.start)
    slack = min(0.03, said * 0.1)  # 'a third' for 30% to 36%; 'a tenth' for 9% to 11%, not 12.9%
    if any(within(s, said, bound) if bound else abs(s - said) <= slack for s in shares):
        return None
    if not shares:
        return Finding("unverifiable", f"'{mention.text}' states a share that no cited value gives")
    shown = ", ".join(f"{fmt_number(round(s * 100, 1))}%" for s in sorted(set(shares))[:4])
    return Finding(
        "contradicted",
        f"'{(bound + ' ' if bound else '') + mention.text}' does not match the cited "
        f"records: the shares they give are {shown}",
    )
