"""Values in their roles: in 'from A to B against a target of T', A is the baseline, B current, T the target.

A number the sentence puts in a role must be the attributed record's value in that role: a KPI's
baseline, current or target; for a usage series, an earlier or a later value.
"""

from __future__ import annotations

import re

from state.bundle import ObjectiveKpi, Record, Usage
from tools.verify.findings import Finding
from tools.verify.numbers import Mention
from tools.verify.text import fmt_number

_UNIT = r"(?:(?!(?:against|vs|versus|from|to|of|and|with|by|since|over|than|above|below)\b)[A-Za-z%-]+\s+){0,2}?"
# a bound word may stand between a role word and its number: 'at baseline just under 1,250'
_BOUND = r"(?:(?:just\s+)?(?:under|over|about|around|nearly|almost|roughly|approximately|more\s+than|less\s+than)\s+)?"
_ROLE_BEFORE = [
    (
        "target",
        re.compile(
            rf"\b(?:target|goal|aim)\s+(?:of\s+|is\s+|was\s+|at\s+|for\s+)?{_BOUND}(?:just\s+)?[$€£]?$|"
            r"\b(?:against|vs\.?|versus|toward|towards)\s+(?:a|an|the|its|their)?\s*[$€£]?$|"
            r"\b(?:aiming|pushing|shooting)\s+for\s+[$€£]?$",
            re.I,
        ),
    ),
    (
        "baseline",
        re.compile(
            rf"\bbaseline,?\s+(?:of\s+|is\s+|was\s+|at\s+)?{_BOUND}[$€£]?$|\b(?:from|started\s+at|was)\s+"
            rf"(?:a\s+baseline\s+of\s+)?{_BOUND}[$€£]?$",
            re.I,
        ),
    ),
    (
        "current",
        re.compile(
            r"(?:\b(?:to|reaching|reached|now(?:\s+at)?|currently(?:\s+at)?|sitting\s+at|"
            r"stands?\s+at|is\s+at|at)\s+|(?:→|->|⟶)\s*)(?:just\s+)?[$€£]?$|"
            # 'now take 3 days', 'currently averaging 14': a verb between 'now' and the number
            r"\b(?:now|currently)\s+(?:(?!(?:from|down|up|by|than|of)\b)[a-z]+\s+){1,2}(?:just\s+)?[$€£]?$",
            re.I,
        ),
    ),
]
_SIDE_OF_TARGET = re.compile(
    r"\b(?:below|above|under|over|short\s+of|shy\s+of|off|behind|ahead\s+of|beyond|missing|beating|beats?)\s+"
    r"(?:the\s+|its\s+|their\s+)?\w?$",
    re.IGNORECASE,
)
_ROLE_AFTER = [
    ("target", re.compile(rf"^\s*(?:-\w+\s+)?{_UNIT}(?:target|goal|targeted|planned|aimed\s+for|intended)\b", re.I)),
    # 'the 6,000 the district is aiming for'
    (
        "target",
        re.compile(
            r"^\s*(?:[A-Za-z-]+\s+)?(?:(?:that|which)\s+)?(?:the\s+[\w-]+|they|we|it|she|he)\s+(?:is\s+|are\s+)?"
            r"(?:aiming|aims|hoping|hopes|planning|plans|targeting|targets|shooting|pushing)\s+for\b",
            re.I,
        ),
    ),
    ("baseline", re.compile(rf"^\s*{_UNIT}(?:baseline|at\s+baseline|before\b|at\s+(?:the\s+)?start)", re.I)),
    ("current", re.compile(rf"^\s*{_UNIT}(?:,\s*)?(?:(?:up|down)\s+)?from\s+[$€£]?\d", re.I)),
    # 'resale share: 18% now, target 60%': a time word right after the number (a unit may stand between)
    (
        "current",
        re.compile(
            r"^\s*(?:(?!(?:but|and|vs|versus|than|while|yet|from|to)\b)[A-Za-z%-]+\s+)?"
            r"(?:now|currently|today|at\s+present)\b(?!\s+(?:from|than|vs|versus|against))",
            re.I,
        ),
    ),
]
_CHANGE_FRAME = re.compile(
    r"\b(?:from|f[ae]ll\w*|dropp?\w*|r[io]se[ns]?|rising|gr[eo]w\w*|climb\w*|increas\w*|"
    r"decreas\w*|declin\w*|improv\w*|cut|reduc\w*|jump\w*|went|gone|moved|shr[au]nk|down|up|"
    r"brought|lower\w*|rais\w*|came|come|slid|sank|halved|doubled|tripled)\b|→|->|⟶",
    re.I,
)
_PERIOD_AFTER = re.compile(
    # the words between hold no other number: in 'from 262 to 571 by October', October is 571's month;
    # '20 more than in May' compares with May, it is not May's value
    r"^\s*(?:(?!(?:to|than)\b)[A-Za-z-]+\s+){0,3}?(?:in|for|during|by|back\s+in|\()\s*(?P<m>January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sept?|Oct|Nov|Dec)\b(?!\s*(?:→|->|–|-|to)\s*[A-Z])",
    re.I,
)
# 'In August, 84 agents were active': a month that opens the number's clause, with no other number or pair word
# between ('61 in August to 84' gives August to 61, not 84), and not already a month of the number before it
_PERIOD_BEFORE = re.compile(
    r"(?:^|[.;:]\s+|\b)(?<![\d%]\s)(?:in|during|for|by|as\s+of)\s+(?P<m>January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?:\s+\d{4})?,?\s+"
    r"(?:(?!(?:to|and|from|vs|versus|then|against|compared|up|down|rising|falling|rose|fell)\b)[A-Za-z-]+\s+){0,3}$",
    re.IGNORECASE,
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def stated_month(text: str, mention: Mention) -> int | None:
    """Return the month a number is stated for ('712 in October' -> 10), or None."""
    match = _PERIOD_AFTER.match(text[mention.end : mention.end + 40]) or _PERIOD_BEFORE.search(
        text[max(0, mention.start - 50) : mention.start]
    )
    return _MONTHS.index(match.group("m").lower()[:3]) + 1 if match else None


_QUARTER_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,3}?(?:in|for|during)\s+(?:the\s+)?Q(?P<q>[1-4])\b", re.IGNORECASE)


def stated_quarter(text: str, mention: Mention) -> int | None:
    """Return the quarter a number is stated for ('131 configs published in Q2' -> 2), or None."""
    found = _QUARTER_AFTER.match(text[mention.end : mention.end + 40])
    return int(found.group("q")) if found else None


def judge_quarter_value(usage: list[Usage], quarter: int, mention: Mention, fits) -> Finding | None:  # noqa: ANN001
    """Return a finding when a number stated for a quarter is not the cited usage value recorded for it."""
    rows = [u for u in usage if u.period.upper().endswith(f"Q{quarter}")]
    if not rows or any(fits(u.value) for u in rows):
        return None
    return Finding(
        "contradicted",
        f"'{mention.raw}' is stated for Q{quarter}, but the recorded {rows[0].metric} for {rows[0].period} is "
        f"{fmt_number(rows[0].value)}",
    )


def judge_period_value(usage: list[Usage], month: int, mention: Mention, fits, others: list[Usage]) -> Finding | None:  # noqa: ANN001
    """Return a finding when a number stated for a month is not the cited usage value of that month.

    A value of another cited metric of that month also backs it ('271 active agents on 300 seats in October').
    """
    rows = [u for u in usage if len(u.period) >= 7 and u.period[5:7].isdigit() and int(u.period[5:7]) == month]
    if (
        not rows
        or any(fits(u.value) for u in rows)
        or any(fits(u.value) for u in others if u.period[5:7] == rows[0].period[5:7])
    ):
        return None
    return Finding(
        "contradicted",
        f"'{mention.raw}' is stated for {_MONTHS[month - 1].title()}, but the recorded "
        f"{rows[0].metric} for {rows[0].period} is {fmt_number(rows[0].value)}",
    )


def number_role(text: str, mention: Mention, clause_start: int, bounded: bool = False) -> str:
    """Return the role the sentence gives a number: target, baseline, current, or '' when it gives none.

    A bounded number with no other role ('now under three days') speaks of the current value.
    """
    role = _role(text, mention, clause_start)
    return role or ("current" if bounded else "")


def _role(text: str, mention: Mention, clause_start: int) -> str:
    before = text[max(clause_start, mention.start - 40) : mention.start]
    after = text[mention.end : mention.end + 40]
    timed = mention.unit is not None and mention.unit[0] == "time"
    for role, pattern in _ROLE_AFTER:
        if pattern.match(after) and not (role == "baseline" and timed and re.match(r"\s*before\b", after, re.I)):
            return role  # 'two days before it was due' is timing, not a baseline
    for role, pattern in _ROLE_BEFORE:
        match = pattern.search(before)
        if match is None:
            continue
        side = _SIDE_OF_TARGET.search(before[: match.start() + 1])
        if role == "target" and side and re.search(r"\bat\s", match.group()):
            return "current"  # '18 points below target at 47%': where it is, measured against the target
        word = match.group().split()[0].lower()
        if role == "baseline" and word == "was" and not re.search(r"\bbaseline\b", before, re.I):
            continue
        if role == "current" and word in {"to", "at"} and not _CHANGE_FRAME.search(text[clause_start : mention.start]):
            continue  # 'to' and 'at' put a value in the current role only in a change ('from 30 to 5')
        return role
    return ""


def role_values(record: Record, role: str, series: tuple[float, ...]) -> dict[str, float]:
    """Return the attributed record's values that may fill a role, by name, and the other values it holds."""
    if isinstance(record, ObjectiveKpi):
        return {f: v for f in ("baseline", "current", "target") if (v := getattr(record, f)) is not None}
    if isinstance(record, Usage) and len(series) > 1:
        named = {f"value {i + 1} of {len(series)}": v for i, v in enumerate(series)}
        return named
    return {}


def judge_role_value(record: Record, role: str, mention: Mention, fits, series: tuple[float, ...]) -> Finding | None:  # noqa: ANN001
    """Return a finding when the number is not the record's value in the role the sentence gives it.

    `fits(value)` tells whether a recorded value bears out the stated number (rounding and bounds).
    """
    values = role_values(record, role, series)
    if not values:
        return None
    if isinstance(record, ObjectiveKpi):
        own = values.get(role)
        if own is None:
            return None
        if fits(own):
            return None
        elsewhere = [name for name, v in values.items() if name != role and fits(v)]
        said = f"'{mention.raw}' is stated as the {role} value"
        if elsewhere:
            return Finding(
                "contradicted",
                f"{said}, but it is the {elsewhere[0]} of {record.id}; the recorded {role} is {fmt_number(own)}",
            )
        return Finding("contradicted", f"{said}; the recorded {role} of {record.id} is {fmt_number(own)}")
    pool = series[:-1] if role == "baseline" else series[1:] if role == "current" else ()
    if not pool or any(fits(v) for v in pool):
        return None
    return Finding(
        "contradicted",
        f"'{mention.raw}' is stated as the {'earlier' if role == 'baseline' else 'later'} "
        f"value of {record.id}, but the recorded series is "
        f"{', '.join(fmt_number(v) for v in series)}",
    )
