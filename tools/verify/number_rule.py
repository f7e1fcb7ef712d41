"""Rule 2: every number a claim states matches a cited value or one derived from cited values."""

from __future__ import annotations

import datetime as dt
import re

from state.bundle import Account, ObjectiveKpi, Record, Usage
from tools.verify.context import ClaimContext
from tools.verify.derive import Candidate, all_candidates, change_candidates, field_unit, progress_candidates
from tools.verify.findings import Finding
from tools.verify.hints import Hint, classify
from tools.verify.judge_ratio import series_of
from tools.verify.language import is_recommendation
from tools.verify.lexicon import TERMS
from tools.verify.mentions import attribute, clause_of, name_mentions, name_spans
from tools.verify.numbers import Mention, find_numbers
from tools.verify.roles import (
    judge_period_value,
    judge_quarter_value,
    judge_role_value,
    number_role,
    stated_month,
    stated_quarter,
)
from tools.verify.text import fmt_number, numeric_fields
from tools.verify.units import PERCENT, compatible, record_unit, singular, time_factor

_EPSILON = 1e-9
_RATIO_TOLERANCE = 0.05  # a multiplier as written: "2x" for x1.9 to x2.1
_RATIO_APPROX = 0.075  # "~2x", "about 2x": x1.85 to x2.15; "~1.5x" is not x1.37
_UNIT_KINDS = frozenset({"value", "count", "change", "gap", "elapsed"})  # kinds whose unit must agree
_KIND_NAMES = {
    "percent_change": "a percent change",
    "change": "a difference",
    "gap": "a gap between recorded values",
    "percent_gap": "a percentage gap between recorded values",
    "progress": "progress toward target",
    "ratio": "a ratio",
}


def accepted_kinds(mention: Mention, hint: Hint) -> frozenset[str]:
    """Return which kinds of supported values the stated number may be."""
    kinds = _kinds(mention, hint)
    if mention.unit and mention.unit[0] == "time" and kinds & {"value", "change", "gap"}:
        return kinds | {"elapsed"}  # "blocked for 4 weeks": time between two cited dates
    return kinds


def _kinds(mention: Mention, hint: Hint) -> frozenset[str]:
    if hint.kind == "roi":
        return frozenset({"value"})
    if hint.kind in {"progress", "ratio"}:
        return frozenset({hint.kind})
    if hint.kind == "change":
        return frozenset({"percent_change" if mention.percent and not mention.points else "change"})
    if hint.kind == "gap":
        return frozenset({"gap", "percent_gap"} if mention.percent and not mention.points else {"gap"})
    return frozenset({"value"} if mention.percent else {"value", "count"})


def matches(mention: Mention, hint: Hint, candidate: Candidate) -> bool:
    """Tell whether `candidate` supports `mention`, with rounding tolerance at the written precision."""
    if candidate.kind in _UNIT_KINDS and not compatible(mention.unit, candidate.unit):
        return False
    if candidate.kind == "count" and mention.unit is not None and mention.unit[0] != "noun":
        return False  # 'a pound', '3 days': a count of records has no money or time unit
    if hint.kind == "change" and hint.sign and candidate.sign and hint.sign != candidate.sign:
        return False
    factor = time_factor(mention.unit, candidate.unit) or 1.0  # '42 minutes' against hours
    said = mention.value * factor
    tolerance = mention.step * factor / 2 + _EPSILON
    if candidate.kind in {"percent_change", "percent_gap", "progress"}:
        tolerance += 0.5  # a rounded percentage: "cut by 43%" for 42.6%
    if candidate.kind == "elapsed":
        tolerance = max(tolerance, 0.5)
    if candidate.kind == "ratio":  # '2x' is x1.9 to x2.1, not anything that rounds to 2 (x1.52)
        tolerance = min(tolerance, abs(said) * _RATIO_TOLERANCE + _EPSILON)
    if hint.bound and hint.bound != "approx":
        return within_bound(candidate.value, said, hint.bound, tolerance)
    if hint.approx:
        tolerance = max(tolerance, abs(said) * (_RATIO_APPROX if candidate.kind == "ratio" else 0.05))
    return abs(candidate.value - said) <= tolerance


_MORE_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+(?:extra|additional))\s+$", re.IGNORECASE)
_MORE_AFTER = re.compile(
    r"^\s*(?:(?:-|–|to|or)\s*[\w.]+\s+)?(?:more|further|additional|extra)\s+(?:days?|weeks?|months?)\b", re.IGNORECASE
)


def _time_to_come(text: str, mention: Mention) -> bool:
    """Tell whether a duration is time still to come ('another four weeks', '2-3 more weeks')."""
    if mention.unit is None or mention.unit[0] != "time":
        return False
    raw_more = re.search(r"\b(?:more|further|additional|extra)\b", mention.raw, re.IGNORECASE)
    before = text[max(0, mention.start - 20) : mention.start]
    return bool(raw_more or _MORE_BEFORE.search(before) or _MORE_AFTER.match(text[mention.end :]))


def within_bound(value: float, said: float, bound: str, tolerance: float) -> bool:
    """Tell whether a recorded `value` bears out 'more than / at least / under / nearly `said`'."""
    said, value = abs(said), abs(value)
    if bound == "gt":
        return said < value <= said * 1.5 + tolerance
    if bound == "ge":
        return said - _EPSILON <= value <= said * 1.5 + tolerance
    if bound == "lt":
        return said * 0.6 - tolerance <= value < said
    if bound == "le":
        return said * 0.6 - tolerance <= value <= said + _EPSILON
    return said * 0.95 - tolerance <= value < said + _EPSILON  # near_below: 'nearly 80,000' for 76,000 to 80,000


def check_numbers(ctx: ClaimContext, text: str, as_of: dt.date | None = None) -> list[Finding]:
    """Return a finding for each number in `text` that no cited value supports in the role the sentence gives it.

    With `as_of` (the recap's day), a time since a cited date counts too ('overdue by more than seven weeks').
    """
    # A number inside a cited record's name written out ('the remaining four depots') is the name, not a claim.
    names = name_spans(text, [c.record for c in ctx.cited])
    mentions = [m for m in find_numbers(text) if not any(s <= m.start < e for s, e in names)]
    if not mentions:
        return []
    candidates = all_candidates(ctx, as_of)
    kpis = [k.id for k in ctx.of_kind("objective_kpis")]
    found = []
    for mention in mentions:
        hint = classify(text, mention)
        kinds = accepted_kinds(mention, hint)
        if hint.kind == "value" and (role_finding := _role_finding(ctx, text, mention, hint)) is not None:
            found.append(role_finding)
            continue
        owner = named_kpi(ctx, text, mention.start) if len(kpis) > 1 else None
        pool = [c for c in candidates if owner is None or c.source not in set(kpis) - {owner}]
        pool = _of_named_metric(ctx, mention, pool)
        if (whole := _whole_after(text, mention, mentions)) is not None:
            pool = [c for c in pool if abs(c.value - whole.value) > _EPSILON]  # '300 of the 320 seats': not 320
        if hint.kind == "gap" and _TO_TARGET.search(text[mention.end : mention.end + 50]):
            pool = [c for c in pool if c.kind not in {"gap", "percent_gap"} or c.field == "target"]
        if (
            mention.percent
            and hint.kind == "value"
            and _CHANGE_BEFORE_IN_CLAUSE.search(text[clause_of(text, mention.start)[0] : mention.start])
        ):
            kinds = kinds | {"percent_change"}  # 'down 21 minutes, about 55%': the same change as a percent
        if _time_to_come(text, mention):
            kinds = kinds - {"elapsed"}  # 'another 2-3 weeks' is time still needed, not time since a cited date
        if mention.unit and mention.unit[0] == "noun" and not _RECORD_NOUN.fullmatch(mention.unit[1]):
            kinds = kinds - {"count"}  # '1 GB', '3 depots': not how many records are cited
        if not _SPARE_WORDS.search(text[max(0, mention.start - 40) : mention.end + 40]):
            pool = [c for c in pool if c.source != "spare seats"]  # '29 of 260 seats in use' is not 29 left
        hits = [c for c in pool if c.kind in kinds and matches(mention, hint, c)]
        if not hits:
            found.append(
                Finding("unverifiable", _reason(ctx, mention, kinds) + (f"; it is read as {owner}" if owner else ""))
            )
        elif hint.kind == "value" and (target := _only_a_target(ctx, text, mention, hint, hits)) is not None:
            found.append(target)
    return found


def _of_named_metric(ctx: ClaimContext, mention: Mention, pool: list[Candidate]) -> list[Candidate]:
    """Drop the values of cited usage metrics other than the one the number's noun names.

    '120 MAU' is a value of monthly_active_users (its initials), '120 seats' one of licensed_seats (a word of it):
    neither is borne out by the other metric's 120.
    """
    if mention.unit is None or mention.unit[0] != "noun":
        return pool
    usage = [u for u in ctx.of_kind("usage") if isinstance(u, Usage)]
    named = {u.id for u in usage if _names_metric(mention.unit[1], u.metric)}
    others = {u.id for u in usage} - named
    return [c for c in pool if c.source not in others] if named and others else pool


def _names_metric(noun: str, metric: str) -> bool:
    parts = [w for w in metric.lower().split("_") if w]
    return noun == "".join(w[0] for w in parts) or noun in {singular(w) for w in parts}


_TO_TARGET = re.compile(
    r"^[^.;,]{0,25}?\b(?:above|below|over|under|short\s+of|shy\s+of|off|away\s+from|ahead\s+of|behind|beyond|"
    r"from|to)\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w%,.$€£-]+\s+){0,2}?(?:target|goal)\b",
    re.IGNORECASE,
)
_PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|our\s+|all\s+)?$", re.IGNORECASE)


def _whole_after(text: str, mention: Mention, mentions: list[Mention]) -> Mention | None:
    """Return the whole a number is a part of ('300 of the 320 seats' gives 320), if the next number is one."""
    later = [m for m in mentions if m.start >= mention.end]
    if later and _PART_OF.match(text[mention.end : later[0].start]):
        return later[0]
    return None


# The nouns of record kinds a count may count ('3 KPIs', 'two contacts'); other nouns count other things.
_RECORD_NOUN = re.compile(
    "|".join(term.phrase for term in TERMS if term.kind == "noun" and term.meaning not in {"account"})
    + r"|people|persons?|owners?|champions?|sponsors?|users?|decision\s+makers?|records?|items?|ones?",
    re.IGNORECASE,
)
_CHANGE_BEFORE_IN_CLAUSE = re.compile(
    r"\b(?:up|down|increase[ds]?|decrease[ds]?|rose|risen|fell|fallen|grew|grown|cut|dropped|climbed|improved|"
    r"reduced|gain(?:ed)?|declined)\b[^%;.]*$",
    re.IGNORECASE,
)
_SPARE_WORDS = re.compile(
    r"\b(?:unused|idle|left|spare|free|remaining|without|available|empty|unassigned|headroom|open\s+seats?|"
    r"not\s+(?:in\s+use|used|active))\b",
    re.IGNORECASE,
)
_WHOLE_OF_PART = re.compile(r"(?:\b\d[\d,.]*|\bzero|\bnone|\bnil)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?$", re.I)
# A number after these speaks of what is planned or hoped for, not of what was reached.
_FUTURE = re.compile(
    r"\b(?:will|would|could|should|aims?|aiming|plans?|planned|planning|expects?|expected|hopes?|wants?|"
    r"needs?|goal|target\w*|to\s+reach|to\s+hit|on\s+track\s+(?:to|for))\b",
    re.IGNORECASE,
)


def _only_a_target(ctx: ClaimContext, text: str, mention: Mention, hint: Hint, hits: list[Candidate]) -> Finding | None:
    """Return a finding when a number stated with no role is only some KPI's target: it reads as achieved.

    '£60k a month in attributed sales' for a KPI whose target is 60,000 and current 41,500 is contradicted;
    '£60k goal' or 'against a target of £60k' gives the number its role and is checked as the target.
    """
    start = clause_of(text, mention.start)[0]
    if number_role(text, mention, start, bounded=bool(hint.bound)) or _FUTURE.search(text[start : mention.end]):
        return None  # the span includes the number's own unit word: '400 planned', 'eighteen targeted'
    if _WHOLE_OF_PART.search(text[max(0, mention.start - 30) : mention.start]):
        return None  # 'reached 0 of 60,000 households': the whole a part is counted against'

    if not all(c.field == "target" for c in hits):
        return None
    kpi = next((k for k in ctx.of_kind("objective_kpis") if k.id == hits[0].source), None)
    if not isinstance(kpi, ObjectiveKpi) or kpi.current is None:
        return None
    return Finding(
        "contradicted",
        f"'{mention.raw}' is the target of {kpi.id}, not a value it has reached; "
        f"the recorded current is {fmt_number(kpi.current)}",
    )


def _role_finding(ctx: ClaimContext, text: str, mention: Mention, hint: Hint) -> Finding | None:
    """Check a number the sentence puts in a role (baseline, current, target, a month) against its record."""
    start, _ = clause_of(text, mention.start)
    month = stated_month(ctx.text, mention)  # the number text has its dates blanked
    role = number_role(text, mention, start, bounded=bool(hint.bound))
    if not role and month is None and stated_quarter(ctx.text, mention) is None:
        return None
    records: list[Record] = [*ctx.of_kind("objective_kpis")]
    usage = list({u.metric: u for u in ctx.of_kind("usage") if isinstance(u, Usage)}.values())
    if month is not None and usage:
        records = []  # '2,460 appointments in October': a month's value is a usage value, not a KPI's
    records += usage
    if mention.unit is not None and mention.unit[0] == "noun":
        # '2,500 appointments' is not a value of 'Clinics with self-scheduling live' (unit: clinics)
        records = [r for r in records if _same_noun(mention.unit[1], r)] or records
    record = attribute(text, mention.start, records) if records else None
    if record is None:
        return None
    unit = field_unit(record, "current" if isinstance(record, ObjectiveKpi) else "value")
    if not compatible(mention.unit, unit):
        return None

    def fits(value: float) -> bool:
        return matches(mention, hint, Candidate(value, "value", unit))

    quarter = stated_quarter(ctx.text, mention)
    if quarter is not None and isinstance(record, Usage):
        usage = [u for u in ctx.of_kind("usage") if isinstance(u, Usage) and u.metric == record.metric]
        return judge_quarter_value(usage, quarter, mention, fits)
    if month is not None and isinstance(record, Usage):
        usage = [u for u in ctx.of_kind("usage") if isinstance(u, Usage) and u.metric == record.metric]
        cited = [u for u in ctx.of_kind("usage") if isinstance(u, Usage)]
        return judge_period_value(usage, month, mention, fits, cited)
    current = record.current if isinstance(record, ObjectiveKpi) else None
    if role == "baseline" and is_recommendation(ctx) and current is not None and fits(current):
        return None  # 'take offers from 620 a month toward the 900 target': a proposed change starts where it is now
    return judge_role_value(record, role, mention, fits, series_of(ctx, record)) if role else None


def _same_noun(noun: str, record: Record) -> bool:
    """Tell whether a number's noun may be the unit of a record's values (a usage metric's noun is often unwritten:
    '2,460 appointments' for online_bookings)."""
    if isinstance(record, Usage):
        return True
    unit = field_unit(record, "current")
    return unit is None or unit[0] != "noun" or singular(unit[1]) == singular(noun)


def named_kpi(ctx: ClaimContext, text: str, position: int) -> str | None:
    """Return the cited KPI named last before `position` in the same clause, if any."""
    start, _ = clause_of(text, position)
    mentions = [
        (offset, r.id) for offset, r in name_mentions(text, ctx.of_kind("objective_kpis")) if start <= offset < position
    ]
    return max(mentions)[1] if mentions else None


def _reason(ctx: ClaimContext, mention: Mention, kinds: frozenset[str]) -> str:
    """Explain, for a person, why a number is not supported."""
    summary = cited_values_summary(ctx)
    derived = kinds - {"value", "count", "elapsed"}
    if not derived:
        return f"'{mention.raw}' does not match any value in the cited records ({summary})"
    kind = next(k for k in ("percent_change", "percent_gap", "change", "gap", "progress", "ratio") if k in derived)
    options = _derived_options(ctx, kind)
    said = f"the cited values give {options}" if options else "the cited records give no such value"
    return f"'{mention.raw}' is stated as {_KIND_NAMES[kind]}, but {said} ({summary})"


def _derived_options(ctx: ClaimContext, kind: str) -> str:
    """List the derived values of one kind the cited records do support."""
    pool = progress_candidates(ctx) if kind == "progress" else change_candidates(ctx)
    values = sorted({round(c.value * (c.sign or 1), 1) for c in pool if c.kind == kind})[:6]
    suffix = "%" if kind in {"percent_change", "percent_gap", "progress"} else ("x" if kind == "ratio" else "")
    return ", ".join(f"{fmt_number(v)}{suffix}" for v in values)


def cited_values_summary(ctx: ClaimContext) -> str:
    """Summarise the numbers the cited records hold, e.g. 'kpi-nw-1: baseline 12, current 5, target 4 hours'."""
    parts = []
    for cited in ctx.cited:
        record = cited.record
        if isinstance(record, ObjectiveKpi):
            values = [
                f"{f} {fmt_number(v)}"
                for f in ("baseline", "current", "target")
                if (v := getattr(record, f)) is not None
            ]
            if values:
                parts.append(f"{cited.id}: {', '.join(values)}{_unit_text(record.unit)}")
            continue
        values = [f"{field} {fmt_number(v)}" for field, v in numeric_fields(record)]
        if isinstance(record, Account) and record.arr is not None:
            values = [f"arr {fmt_number(record.arr)} {record.currency or ''}".rstrip()]
        if isinstance(record, Usage):
            values = [f"{record.metric} {fmt_number(record.value)} ({record.period})"]
        if values:
            parts.append(f"{cited.id}: {', '.join(values)}")
    return "; ".join(parts) if parts else "the cited records hold no numbers"


def _unit_text(unit: str | None) -> str:
    """Return a KPI unit as it reads after its values ('%' or ' hours')."""
    if not unit:
        return ""
    return "%" if record_unit(unit) == PERCENT else f" {unit}"
