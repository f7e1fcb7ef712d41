"""Units written next to numbers and on records: time, percent, money, or a counted noun."""

from __future__ import annotations

import re

from tools.verify.text import wordset

# A unit is (family, name): ("time", "hour"), ("percent", "%"), ("money", "USD"), ("noun", "seat").
Unit = tuple[str, str]
PERCENT: Unit = ("percent", "%")

TIME_WORDS = {
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hour": "hour",
    "hours": "hour",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "d": "day",
    "day": "day",
    "days": "day",
    "wk": "week",
    "wks": "week",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "yr": "year",
    "yrs": "year",
    "year": "year",
    "years": "year",
}
MONEY_WORDS = {
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "cad": "CAD",
    "aud": "AUD",
    "chf": "CHF",
    "jpy": "JPY",
    "inr": "INR",
}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# Words between a number and its noun ("40 more seats"): look one word further.
_MORE_TIME = frozenset({"more", "additional", "extra", "further"})
_SHORT_UNITS = frozenset({"gb", "mb", "tb", "kb", "kg", "km", "lb", "lbs", "ft", "mw", "kw", "mi", "sq"})
_SKIP = frozenset({"more", "additional", "extra", "new", "fewer", "other", "further", "active"})
# Words that follow a number without being its unit.
_NOT_UNITS = wordset(
    "a an the of to in on at for and or by from against with per than is are was were be been this that "
    "after before since until into as over under above below each every out up down across while but so "
    "now still yet only all then when where which who its their it more less fewer times x vs versus "
    "hour-long percent per cent points point pts pp weekly monthly daily target targets baseline goal goals "
    "today now last next because compared according respectively total overall short ahead behind shy "
    "low medium high critical open overdue blocked completed resolved late"  # 'two open risks': what is counted
)
_NEXT_WORD = re.compile(r"(?:\s|-)?([A-Za-z]+)")


def singular(word: str) -> str:
    """Return a plain singular form ('seats' -> 'seat', 'enquiries' -> 'enquiry')."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


_DAY_KINDS = frozenset({"business", "working", "calendar", "full", "straight", "consecutive"})


def parse_unit(rest: str) -> tuple[Unit | None, int]:
    """Return the unit at the start of `rest` (the text after a number) and how many chars it spans."""
    match = _NEXT_WORD.match(rest)
    if not match:
        return None, 0
    word = match.group(1).lower()
    if word in TIME_WORDS:
        return ("time", TIME_WORDS[word]), match.end()
    if word in MONEY_WORDS:
        return ("money", MONEY_WORDS[word]), match.end()
    if word in _DAY_KINDS:  # '10 business days', '3 working weeks'
        unit, length = parse_unit(rest[match.end() :])
        if unit and unit[0] == "time":
            return unit, match.end() + length
    if word in _SKIP:
        unit, length = parse_unit(rest[match.end() :])
        if unit and unit[0] == "time" and word in _MORE_TIME:
            return unit, match.end() + length  # 'needs 3 more weeks': an amount of time
        return (unit, match.end() + length) if unit and unit[0] == "noun" else (None, 0)
    if word in _SHORT_UNITS:
        return ("noun", word), match.end()  # '1 GB', '5 kg'
    if word in _NOT_UNITS or len(word) < 3:
        return None, 0
    return ("noun", singular(word)), match.end()


def record_unit(text: str | None) -> Unit | None:
    """Return the unit a record states (a KPI's `unit`, an account's `currency`)."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if "%" in text or text.lower() in {"percent", "percentage", "pct"}:
        return PERCENT
    if text in CURRENCY_SYMBOLS:
        return ("money", CURRENCY_SYMBOLS[text])
    unit, _ = parse_unit(" " + text)
    if unit is None:
        return ("noun", singular(text.lower()))
    return unit


# Time units that convert exactly: clock time among itself, calendar days and weeks among themselves
# ('42 minutes' for 0.7 hours, 'under four hours' for 236 minutes, 'three weeks' for 21 days).
_CLOCK = {"second": 1.0, "minute": 60.0, "hour": 3600.0}
_CALENDAR = {"day": 1.0, "week": 7.0}


def time_factor(mention: Unit | None, candidate: Unit | None) -> float | None:
    """Return how many `candidate` units one `mention` unit is, when both are time units that convert exactly."""
    if mention is None or candidate is None or mention[0] != "time" or candidate[0] != "time":
        return None
    for table in (_CLOCK, _CALENDAR):
        if mention[1] in table and candidate[1] in table:
            return table[mention[1]] / table[candidate[1]]
    return None


def compatible(mention: Unit | None, candidate: Unit | None) -> bool:
    """Tell whether a number written with `mention` may stand for a value recorded with `candidate`."""
    if mention is None or candidate is None:
        return True
    if mention == ("noun", "point") and candidate == PERCENT:
        return True  # "1 point above the 35% target" speaks of percentage points
    if mention[0] == "noun":
        return candidate[0] == "noun"  # nouns vary too much to compare, but '4 KPIs' is not '4 hours'
    if mention[0] == "money":
        return candidate[0] == "money" and mention[1] == candidate[1]
    return mention == candidate or time_factor(mention, candidate) is not None


def describe_unit(unit: Unit | None) -> str:
    """Return how a unit reads after a number."""
    if unit is None:
        return ""
    if unit == PERCENT:
        return "%"
    return f" {unit[1]}"
