"""What quantity a stated number claims to be: a value, a change, a gap to target, progress, a ratio."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tools.verify.lexicon import bound_before
from tools.verify.numbers import Mention

_APPROX = (
    r"(?:about|around|roughly|nearly|almost|approximately|approx\.?|~|some|close to|over|more than|"
    r"under|less than|just over|just under|up to)"
)
_DOWN = (
    "fell|falls|fall|fallen|dropped|drops|drop|decreased|decreases|declined|declines|down|cut|cuts|reduced|"
    "reduces|reducing|shrank|shrunk|lowered|lower|reduction of|decrease of|drop of|decline of"
)
_UP = (
    "grew|grows|grown|rose|rises|risen|increased|increases|climbed|climbs|up|gained|gains|jumped|jumps|"
    "increase of|growth of|gain of|rise of"
)
_NEUTRAL = "improved|improves|improvement of|changed|moved|shifted|saved|saves|saving|savings of|shaved|by"
_PRE_CHANGE = re.compile(
    rf"\b(?P<verb>{_DOWN}|{_UP}|{_NEUTRAL})\s+(?:by\s+)?(?:{_APPROX}\s*)?"
    r"(?:just\s+|only\s+|a\s+further\s+|another\s+|a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
# A figure stated as a return or a saving must be a recorded figure, never one derived from KPI values.
_POST_ROI = re.compile(r"^\s*(?:ROI|return\s+on\s+investment|returns?\b|payback)", re.IGNORECASE)
_PRE_ROI = re.compile(
    r"\b(?:ROI|return\s+on\s+investment|payback)\s+(?:of\s+|is\s+|was\s+)?(?:about\s+)?$", re.IGNORECASE
)
# "grew 61 → 84": the first number of a from-to pair is a value, whatever verb comes before it.
_POST_PAIR = re.compile(r"^\s*(?:→|->|⟶|to\s)\s*[$€£¥]?\d")
# "increased by 23 (38%)": a percentage in brackets right after a change restates that change.
_PRE_BRACKETED_CHANGE = re.compile(
    rf"\b(?P<verb>{_DOWN}|{_UP}|{_NEUTRAL})\s+(?:by\s+)?[^()]{{0,30}}\(\s*$", re.IGNORECASE
)
# "beat target by 50", "the remaining 12": a number stated as the distance to target.
_PRE_GAP = re.compile(
    r"\b(?:(?:beat|beats|exceeded|exceeds|above|over|missed|misses|below|under|short\s+of)\s+"
    r"(?:its\s+|the\s+|their\s+)?(?:[A-Za-z-]+\s+)?(?:target|goal)\s+by(?:\s+(?:more\s+than|over|nearly|almost|about|roughly|around|at\s+least|just\s+over|"
    r"just\s+under|under|less\s+than))?|remaining|gap\s+of|needs?\s+(?:only\s+|just\s+)?)\s+$",
    re.IGNORECASE,
)
_PRE_APPROX = re.compile(rf"\b{_APPROX}\s*$", re.IGNORECASE)
_PRE_PROGRESS = re.compile(r"\bprogress(?:\s+(?:of|at|is|was))?\s*$", re.IGNORECASE)
_POST_PROGRESS = re.compile(
    r"^\s*(?:of\s+the\s+way|of\s+the\s+distance|progress|complete\b|done\b|toward|towards|"
    r"to\s+(?:the\s+|its\s+)?target|of\s+(?:the\s+|its\s+)?(?:target|goal))",
    re.IGNORECASE,
)
_POST_CHANGE = re.compile(
    r"^\s*(?P<word>lower|higher|faster|slower|shorter|longer|quicker|sooner|fewer|more|less|reduction|decrease|"
    r"drop|decline|increase|improvement|gain|growth|rise|cut|saving|savings|better|worse|up|down)\b"
    r"(?P<than>(?:\s+(?!than\b)[\w-]+){0,6}?\s+than)?",
    re.IGNORECASE,
)
_POST_GAP = re.compile(
    r"^\s*(?:(?:a|per|each)\s+(?:day|week|month|quarter|year)\s+)?(?:above|below|over|under|ahead\s+of|behind|short\s+of|shy\s+of|off|away\s+from|beyond|"
    r"(?:better|worse|lower|higher|faster|slower|quicker|fewer|less|more)\s+than)\s+"
    r"(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w%,.$€£-]+\s+){0,2}?(?:target|goal|baseline)\b|"
    r"^\s*from\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[A-Za-z%-]+\s+){0,2}?(?:target|goal|baseline)\b|"
    r"^\s*(?:above|below|over|under|short\s+of)\s+where\s+(?:we|they|it)\s+(?:want|need|should)|"
    r"^-?\s*(?:points?|pts?|pp|%|[A-Za-z]+)?\s*gap\b|^\s*(?:[A-Za-z]+\s+){0,2}?(?:still\s+)?(?:to\s+go|remaining|left\b)|"
    r"^\s*(?:[A-Za-z]+\s+)?short(?:\s+of\b|\s*[,.;)]|\s*$)|"
    r"^\s*(?:more\s+)?(?:[A-Za-z]+\s+)?(?:more\s+)?to\s+(?:reach|hit|get\s+to|close)\b",
    re.IGNORECASE,
)
_DOWN_WORDS = frozenset(_DOWN.split("|")) | {
    "lower",
    "fewer",
    "less",
    "reduction",
    "decrease",
    "drop",
    "decline",
    "cut",
    "shorter",
}
_UP_WORDS = frozenset(_UP.split("|")) | {"higher", "more", "increase", "gain", "growth", "rise", "longer"}
_DIRECTIONS = frozenset({"up", "down"})
_COMPARATIVES = frozenset({"lower", "higher", "fewer", "more", "less"})


@dataclass(frozen=True)
class Hint:
    """How a sentence frames a number: kind is value, change, gap, progress or ratio; sign -1, +1 or 0."""

    kind: str = "value"
    sign: int = 0
    approx: bool = False
    bound: str = ""  # gt, ge, lt, le, near_below or approx, from the lexicon's bound words before the number


def classify(text: str, mention: Mention) -> Hint:
    """Return what quantity the sentence states `mention` to be, and how a bound word before it limits it."""
    hint = _classify(text, mention)
    bound = bound_before(text[max(0, mention.start - 30) : mention.start]) or _symbol_bound(text, mention)
    return replace(hint, bound=bound, approx=bool(bound)) if bound or hint.approx else hint


_OF_TARGET = re.compile(r"^\s*(?:[\w-]+\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:[\w,.%$€£-]+\s+){0,2}?(?:target|goal)\b")


def _symbol_bound(text: str, mention: Mention) -> str:
    """Return the bound a symbol puts on a number: '>6x', '≥ 90%', '<1%', '5+ weeks'."""
    before = text[max(0, mention.start - 3) : mention.start].rstrip()
    if before.endswith(("->", "=>", "<-")):
        return ""  # an arrow of a from-to pair
    if before.endswith(("≥", ">=")):
        return "ge"
    if before.endswith(("≤", "<=")):
        return "le"
    if before.endswith(">"):
        return "gt"
    if before.endswith("<"):
        return "lt"
    plus = re.match(r"[\d.,]+\+(?P<unit>[\s-]*[A-Za-z]+)?", mention.raw) or (
        re.match(r"\+", text[mention.end : mention.end + 1]) if not mention.signed else None
    )
    if plus is None or re.fullmatch(r"[\s-]*(?:minute|hour|day|week|month|year)", plus.groupdict().get("unit") or "x"):
        return ""  # '30+ day backlog' names a kind of backlog; '5+ wks overdue' bounds the number
    return "ge"


def _classify(text: str, mention: Mention) -> Hint:
    before = text[max(0, mention.start - 60) : mention.start]
    after = text[mention.end : mention.end + 60]
    approx = bool(_PRE_APPROX.search(before))
    if _POST_ROI.match(after) or _PRE_ROI.search(before):
        return Hint("roi", 0, approx)
    if mention.times:
        return Hint("ratio", 0, approx)
    if mention.signed:
        return Hint("change", mention.signed, approx)
    if _PRE_PROGRESS.search(before) or (mention.percent and _POST_PROGRESS.match(after)):
        return Hint("progress", 0, approx)
    if mention.points:
        gap = _POST_GAP.match(after) or _PRE_GAP.search(before)
        return Hint("gap", 0, approx) if gap else Hint("change", sign_before(before), approx)
    if _PRE_GAP.search(before) or (re.search(r"\bwithin\s+$", before) and _OF_TARGET.match(after)):
        return Hint("gap", 0, approx)
    if (
        _POST_PAIR.match(after)
        and not re.search(r"\bby\s+$", before)
        and not ((mention.percent or mention.unit == ("noun", "point")) and _PRE_CHANGE.search(before))
    ):
        return Hint("value", 0, approx)
    if mention.percent and (bracketed := _PRE_BRACKETED_CHANGE.search(before)):
        return Hint("change", _sign(bracketed.group("verb"), before), approx)
    if pre := _PRE_CHANGE.search(before):
        return Hint("change", _sign(pre.group("verb"), before), approx)
    if _POST_GAP.match(after):
        return Hint("gap", 0, approx)
    if (inner := re.search(r"\b(more|fewer)\b", mention.raw)) and re.match(r"\s*than\b", after):
        return Hint("change", _sign(inner.group(1), before), approx)  # '20 more active staff than in May'
    if post := _POST_CHANGE.match(after):
        word = post.group("word").lower()
        if word in _DIRECTIONS and not mention.percent:
            return Hint("value", 0, approx)  # '71 up from 60' is a value; '~25% up' is a change
        if mention.percent or post.group("than") or word not in _COMPARATIVES:
            return Hint("change", _sign(word, before), approx)
    return Hint("value", 0, approx)


def _sign(word: str, before: str) -> int:
    """Return the direction a change word states (+1 up, -1 down, 0 unsaid)."""
    word = word.lower().split()[0] if word.lower().split() else word.lower()
    if word in _DOWN_WORDS or f"{word} of" in _DOWN_WORDS:
        return -1
    if word in _UP_WORDS or f"{word} of" in _UP_WORDS:
        return 1
    if word == "by":
        return sign_before(before)
    return 0


def sign_before(before: str) -> int:
    """Return the direction of the last change verb in the words just before a number."""
    tail = re.findall(r"[a-z]+", before.lower())[-6:]
    for word in reversed(tail):
        if word in _DOWN_WORDS:
            return -1
        if word in _UP_WORDS:
            return 1
    return 0
