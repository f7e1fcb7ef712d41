"""Numbers written as words ("six weeks", "twenty-five agents")."""

from __future__ import annotations

import re

from tools.verify.units import TIME_WORDS

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUM = rf"(?:(?:{'|'.join(TENS)})(?:[-\s](?:{_ONES}))?|{'|'.join(SMALL)})"
_SCALE = r"(?:hundred|thousand|million|billion|dozen)"
# A run of number words: 'twelve', 'forty-two', 'one hundred and twenty', 'two thousand five hundred',
# 'two and a half thousand', 'a dozen', 'half a dozen', 'a couple of', 'a thousand'.
_PATTERN = re.compile(
    rf"\b(?:(?:half\s+)?an?(?=\s+{_SCALE}\b)|an?\s+couple(?:\s+of)?\b|{_NUM}\b)"
    rf"(?:(?:\s+|-)(?:and\s+a\s+half\b|{_NUM}\b|{_SCALE}\b(?:\s+and(?=\s+{_NUM}\b))?))*"
    rf"(?<![\s-])(?!-(?!(?:hour|day|week|month|year|minute)s?\b))",
    re.IGNORECASE,
)
# 'half a day' (0.5 day), 'a full week' (1 week): the unit follows
_HALF_OR_FULL = re.compile(
    r"\b(?:(?P<half>half)\s+an?|an?\s+full|an?\s+single)(?=\s+(?:hour|day|week|month|year)\b)", re.IGNORECASE
)  # 'half a day', 'a full week', 'a target of a single day'
_FRACTION_AFTER = re.compile(r"\s+(?:halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b", re.IGNORECASE)
_BIG = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_UNIT_AFTER = re.compile(r"[\s-]+(\w+)")
# 'under a week', 'at least a pound': 'a' is the number one when a bound precedes it and a unit follows
# (not "within a day of the target", a gap; not "quarter": "about a quarter" is a share)
_BOUNDED_ONE = re.compile(
    r"\b(?:under|over|less\s+than|more\s+than|nearly|almost|about|roughly|around|"
    r"just\s+over|just\s+under|barely|at\s+least|at\s+most|upwards\s+of)\s+(?P<a>an?)\s+"
    r"(?=(?:minute|hour|day|week|fortnight|month|year|pound|dollar|euro|point|percentage\s+point)\b)",
    re.IGNORECASE,
)

# 'an hour and a half', 'a year and a half': 'a' is one of the unit, and the half is added after it
_ONE_AND_A_HALF = re.compile(
    r"\b(?P<a>an?)\s+(?=(?:minute|hour|day|week|fortnight|month|quarter|year)\s+and\s+a\s+half\b)", re.IGNORECASE
)


def words_value(phrase: str) -> float | None:
    """Return the value of a run of number words ('two and a half thousand' is 2,500), or None."""
    text = re.sub(r"\band\s+a\s+half\b", " _plushalf ", phrase.lower())
    text = re.sub(r"\bhalf\s+an?\b", " _half ", text)
    text = re.sub(r"\ban?\s+couple(?:\s+of)?\b", " two ", text)
    total, current, half, seen = 0.0, 0.0, False, False
    for token in re.split(r"[\s-]+", text.strip()):
        if token == "_half":
            half = True
        elif token == "_plushalf":
            current += 0.5
        elif token in SMALL or token in TENS:
            current += SMALL.get(token, TENS.get(token, 0))
            seen = True
        elif token in {"a", "an"}:
            current += 1
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current, half = (current or 1) * 12 * (0.5 if half else 1), False
        elif token in _BIG:
            total, current, half = total + (current or 1) * _BIG[token] * (0.5 if half else 1), 0.0, False
        elif token != "and":
            return None
        seen = seen or token in {"hundred", "dozen", *_BIG}
    return total + current if seen else None


def find_number_words(text: str) -> list[tuple[int, int, float, float]]:
    """Return (start, end, value, precision) for numbers written as words; a lone 'one' only before a unit ('one hour'),
    'times' or a share ('one in three'), not in 'one of' or 'each one'."""
    found = []
    for match in _PATTERN.finditer(text):
        if match.group().lower() == "one" and not _one_counts(text[match.end() :]):
            continue
        if _FRACTION_AFTER.match(text, match.end()):
            continue  # 'three quarters', 'two thirds': a fraction, judged as one
        value = words_value(match.group())
        if value is not None:
            found.append((match.start(), match.end(), float(value), _precision(match.group().lower(), value)))
    found += [(m.start("a"), m.end("a"), 1.0, 1.0) for m in _BOUNDED_ONE.finditer(text)]
    found += [(m.start("a"), m.end("a"), 1.0, 1.0) for m in _ONE_AND_A_HALF.finditer(text)]
    found += [(m.start(), m.end(), 0.5 if m.group("half") else 1.0, 0.5) for m in _HALF_OR_FULL.finditer(text)]
    return found


def _precision(phrase: str, value: float) -> float:
    """Return the precision a worded number states: 'two thousand' is to the thousand, 'two and a half
    thousand' to the hundred (2,450 to 2,550), 'twelve' to the unit."""
    scale = max((v for w, v in _BIG.items() if w in phrase), default=1)
    if "half" in phrase and scale > 1:
        return scale / 10
    if scale > 1 and value % scale == 0:
        return float(scale)
    return 1.0


_ONE_IN = re.compile(rf"\s+in\s+(?:every\s+)?(?:\d+|{'|'.join([*SMALL, *TENS])})\b", re.IGNORECASE)
_ONE_UNITS = frozenset({"percent", "times"})  # 'one and a half times'


def _one_counts(rest: str) -> bool:
    """'one' is a number only when a unit follows ('one hour') or it starts a share ('one in three'), not in
    'one of' or 'each one'."""
    if _ONE_IN.match(rest):
        return True
    match = _UNIT_AFTER.match(rest)
    return match is not None and (match.group(1).lower() in TIME_WORDS or match.group(1).lower() in _ONE_UNITS)
