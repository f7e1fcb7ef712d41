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
_PATTERN = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(TENS)})(?:[-\s](?P<ones>{_ONES}))?|(?P<small>{'|'.join(SMALL)}))\b"
    r"(?:\s+(?P<scale>hundred|thousand|million))?(?P<half>\s+and\s+a\s+half)?(?!-(?!(?:hour|day|week|month|year|minute)s?\b))",
    re.IGNORECASE,
)
# 'under a week', 'at least a pound': 'a' is the number one when a bound precedes it and a unit follows
# (not "within a day of the target", a gap; not "quarter": "about a quarter" is a share)
_BOUNDED_ONE = re.compile(
    r"\b(?:under|over|less\s+than|more\s+than|nearly|almost|about|roughly|around|"
    r"just\s+over|just\s+under|barely|at\s+least|at\s+most|upwards\s+of)\s+(?P<a>an?)\s+"
    r"(?=(?:minute|hour|day|week|fortnight|month|year|pound|dollar|euro|point|percentage\s+point)\b)",
    re.IGNORECASE,
)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_UNIT_AFTER = re.compile(r"[\s-]+(\w+)")


def find_number_words(text: str) -> list[tuple[int, int, float]]:
    """Return (start, end, value) for numbers written as words; 'one' only before a time unit or 'percent'."""
    found = []
    for match in _PATTERN.finditer(text):
        small = (match.group("small") or "").lower()
        if small == "one" and not _one_counts(text[match.end() :]):
            continue
        if small:
            value = SMALL[small]
        else:
            value = TENS[match.group("tens").lower()] + SMALL.get((match.group("ones") or "").lower(), 0)
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        found_value = value + (0.5 if match.group("half") else 0.0)
        found.append((match.start(), match.end(), float(found_value)))
    found += [(m.start("a"), m.end("a"), 1.0) for m in _BOUNDED_ONE.finditer(text)]
    return found


_ONE_IN = re.compile(rf"\s+in\s+(?:every\s+)?(?:\d+|{'|'.join([*SMALL, *TENS])})\b", re.IGNORECASE)
_ONE_UNITS = frozenset({"percent", "times"})  # 'one and a half times'


def _one_counts(rest: str) -> bool:
    """'one' is a number only when a unit follows ('one hour') or it starts a share ('one in three'), not in
    'one of' or 'each one'."""
    if _ONE_IN.match(rest):
        return True
    match = _UNIT_AFTER.match(rest)
    return match is not None and (match.group(1).lower() in TIME_WORDS or match.group(1).lower() in _ONE_UNITS)
