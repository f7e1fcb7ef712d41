"""Rule 3: stated KPI and task statuses agree with the cited records."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from state.bundle import ObjectiveKpi, Record
from tools.verify.context import ClaimContext
from tools.verify.mentions import attribute, record_name
from tools.verify.text import stem, words

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_TARGET = r"(?:its\s+|the\s+|their\s+|a\s+)?(?:[\w%-]+\s+){0,2}?(?:target|goal)\b"


@dataclass(frozen=True)
class StatusWord:
    """A status phrase: which records it can describe and what it requires of them."""

    name: str
    pattern: re.Pattern[str]
    applies: str  # "kpi", "task" or "any"
    text_support: bool  # may also be supported by the same word in a cited record's text


def _ratio(kpi: ObjectiveKpi) -> tuple[float, float] | None:
    """Return (current, target) signed so that larger is better, or None without both."""
    if kpi.current is None or kpi.target is None:
        return None
    sign = -1 if kpi.direction == "decrease" else 1
    return kpi.current * sign, kpi.target * sign


def _reached(kpi: ObjectiveKpi) -> bool:
    pair = _ratio(kpi)
    return kpi.status == "Completed" or (pair is not None and pair[0] >= pair[1])


def _beyond(kpi: ObjectiveKpi) -> bool:
    pair = _ratio(kpi)
    return pair is not None and pair[0] > pair[1]


def _numeric(kpi: ObjectiveKpi, above: bool) -> bool:
    if kpi.current is None or kpi.target is None:
        return False
    return kpi.current > kpi.target if above else kpi.current < kpi.target


def _status_is(*statuses: str) -> Callable[[Record], bool]:
    return lambda record: getattr(record, "status", None) in statuses


def _kpi(test: Callable[[ObjectiveKpi], bool]) -> Callable[[Record], bool]:
    """Apply a KPI test to a record (the words using it only ever judge cited KPIs)."""
    return lambda record: isinstance(record, ObjectiveKpi) and test(record)


WORDS: list[tuple[StatusWord, Callable[[Record], bool]]] = [
    (StatusWord("not started", re.compile(r"\bnot\s+(?:yet\s+)?started\b", re.I), "any", False),
     _status_is("Not Started", "Open")),
    (StatusWord("on track", re.compile(r"\bon[\s-]track\b", re.I), "kpi", False), _status_is("On Track")),
    (StatusWord("off track", re.compile(r"\boff[\s-]track\b", re.I), "kpi", False), _status_is("Off Track")),
    (StatusWord("blocked", re.compile(r"\bblocked\b", re.I), "any", True), _status_is("Blocked")),
    (StatusWord("cancelled", re.compile(r"\bcancell?ed\b", re.I), "any", True), _status_is("Cancelled")),
    (StatusWord("completed", re.compile(r"\b(?:completed|finished)\b", re.I), "any", True),
     _status_is("Completed")),
    (StatusWord("delivered", re.compile(r"\b(?:launched|delivered|shipped|rolled\s+out|went\s+live)\b", re.I),
                "task", True), _status_is("Completed")),
    (StatusWord("exceeded", re.compile(r"\b(?:exceed(?:ed|s|ing)?|surpass(?:ed|es)?|outperform(?:ed|s)?|"
                                       rf"beat(?:s|ing)?\s+{_TARGET}|ahead\s+of\s+{_TARGET})", re.I), "kpi", False),
     _kpi(_beyond)),
    (StatusWord("met target", re.compile(rf"\b(?:achieved|met|meets|hit|hits|reached|reaches)\s+{_TARGET}|"
                                         r"\b(?:target|goal)\s+(?:was\s+|has\s+been\s+|is\s+)?"
                                         r"(?:achieved|met|hit|reached)\b", re.I), "kpi", False), _kpi(_reached)),
    (StatusWord("missed target", re.compile(rf"\b(?:missed|misses|short\s+of|behind)\s+{_TARGET}", re.I),
                "kpi", False), _kpi(lambda kpi: not _reached(kpi))),
    (StatusWord("resolved", re.compile(r"\b(?:resolved|closed\s+out)\b", re.I), "risk", False),
     _status_is("Resolved")),
    (StatusWord("unresolved", re.compile(r"\b(?:unresolved|(?-i:Open)|(?:is|remains|still|stays)\s+open|"
                                                r"open\s+(?:\w+\s+)?risk)\b", re.I), "risk",
                False), _status_is("Open", "Mitigating")),
    (StatusWord("mitigating", re.compile(r"\b(?:mitigating|being\s+mitigated|under\s+mitigation)\b", re.I),
                "risk", False), _status_is("Mitigating")),
    (StatusWord("severity", re.compile(r"\b(?:Low|Medium|High|Critical)\b(?=[\s-]+(?:severity\s+)?risk\b|"
                                       r",\s*(?:Open|Mitigating|Resolved)\b)"), "risk", False),
     lambda r: True),
    (StatusWord("above target", re.compile(rf"\b(?:above|over)\s+{_TARGET}", re.I), "kpi", False),
     _kpi(lambda kpi: _numeric(kpi, above=True))),
    (StatusWord("below target", re.compile(rf"\b(?:below|under)\s+{_TARGET}", re.I), "kpi", False),
     _kpi(lambda kpi: _numeric(kpi, above=False))),
]
_CONDITIONAL = re.compile(r"\b(?:until|once|when|if|unless)\b(?:\s+\S+){0,8}\s+$|\b(?:to\s+be|be|get|gets)\s+$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|yet\s+to|without|\w+n't)\s+(?:\w+\s+){0,2}$", re.I)
_KINDS = {"kpi": ("objective_kpis",), "task": ("playbook_tasks", "playbooks"), "risk": ("risks",),
          "any": ("objective_kpis", "playbook_tasks", "playbooks")}


def check_statuses(ctx: ClaimContext) -> list[str]:
    """Return a reason for each status phrase the attributed cited KPI or task contradicts."""
    reasons = []
    # Quoted passages (record titles, feedback) are checked by the quote rule, not read as statuses.
    taken: list[tuple[int, int]] = [m.span() for m in _QUOTED.finditer(ctx.text)]
    # 'Days until field data reaches the office: On Track' - a record's name states no condition.
    framing = _without_names(ctx.text, [c.record for c in ctx.cited])
    for word, holds in WORDS:
        records = [c.record for c in ctx.cited if c.kind in _KINDS[word.applies]]
        for match in word.pattern.finditer(ctx.text):
            if not records or any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            if _CONDITIONAL.search(framing[max(0, match.start() - 80):match.start()]):
                continue  # 'hold until the risk is resolved' states no status
            negated = bool(_NEGATION.search(framing[max(0, match.start() - 40):match.start()]))
            reason = _judge(ctx, word, holds, records, match, negated)
            if reason:
                reasons.append(reason)
    return reasons


def _without_names(text: str, records: list[Record]) -> str:
    """Return `text` with each record's name written out in it replaced by x's (offsets kept)."""
    for name in {record_name(r) for r in records} - {""}:
        text = re.sub(re.escape(name), lambda m: "x" * len(m.group()), text, flags=re.IGNORECASE)
    return text


def _judge(ctx: ClaimContext, word: StatusWord, holds: Callable[[Record], bool], records: list[Record],
           match: re.Match[str], negated: bool) -> str | None:
    """Check one status phrase against the record it describes; return a reason if it fails."""
    def ok(record: Record) -> bool:
        if word.name == "severity":
            return getattr(record, "severity", None) == match.group()
        return holds(record) != negated

    target = attribute(ctx.text, match.start(), records)
    if target is None and any(ok(r) for r in records):
        return None
    if target is not None and ok(target):
        return None
    if word.text_support and not negated and _in_cited_text(ctx, match.group()):
        return None
    record = target or records[0]
    said = ("not " if negated else "") + match.group().strip()
    return f"'{said}' does not match {record.id} ({_describe(record)})"


def _in_cited_text(ctx: ClaimContext, phrase: str) -> bool:
    """Tell whether a cited record's prose uses the same status word."""
    target = {stem(w) for _, w in words(phrase)}
    return any(target <= {stem(w) for _, w in words(text)} for rid, field, text in ctx.cited_texts
               if field not in {"status"})


def _describe(record: Record) -> str:
    """Describe a KPI or task by name, status and values."""
    text = f"{record_name(record)}: status {getattr(record, 'status', 'unknown')}"
    severity = getattr(record, "severity", None)
    if severity:
        text += f", severity {severity}"
    if isinstance(record, ObjectiveKpi):
        values = [f"{f} {getattr(record, f):g}" for f in ("baseline", "current", "target")
                  if getattr(record, f) is not None]
        if values:
            text += ", " + ", ".join(values) + (f" {record.unit}" if record.unit else "")
    return text
