"""Find the numbers a text states: counts, percentages, money, durations, number words."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tools.verify.numwords import find_number_words
from tools.verify.units import CURRENCY_SYMBOLS, MONEY_WORDS, PERCENT, Unit, parse_unit

_CODES = "USD|EUR|GBP|CAD|AUD|CHF|JPY|INR"
_NUMBER = re.compile(
    rf"(?:(?P<code>\b(?:{_CODES}))\s?|(?P<sym>[$€£¥])\s?)?"
    r"(?<![\w.,/])(?<![A-Za-z_]-)(?<!\d{4}-)(?<!\d{4}-\d{2}-)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|/\d|\.\d|,\d)"
    r"(?:(?P<scale>k|K|M|bn|B|mn|m)(?![A-Za-z])|\s?(?P<scaleword>thousand|million|billion)\b)?"
    r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b|pct\b))?"
)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_POINTS = re.compile(r"\s?(?:(?P<pctword>percentage|percent|%)\s?)?(?:points?|pts|pp)\b", re.IGNORECASE)
_CODE_AFTER = re.compile(rf"\s?(?:{_CODES}|dollars?|euros?|pounds?|quid)\b", re.IGNORECASE)
_TIMES = re.compile(r"(?:x|×|\s?times\b|[\s-]?fold\b)(?![A-Za-z])")
_SCALE = {
    "k": 1e3,
    "K": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "B": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}


@dataclass(frozen=True)
class Mention:
    """One number stated in a text, with how precisely it was written and what unit it carries."""

    raw: str
    value: float
    start: int
    end: int
    unit: Unit | None = None
    percent: bool = False
    points: bool = False
    times: bool = False
    step: float = 1.0
    signed: int = 0  # +1 for "+38%", -1 for "-58%": the number is stated as a change


def find_numbers(text: str) -> list[Mention]:
    """Return every number stated in `text`, digits and words, in reading order."""
    found = [_with_sign(text, m) for m in (_digit_mention(text, match) for match in _NUMBER.finditer(text)) if m]
    taken = [(m.start, m.end) for m in found]
    for start, end, value, step in find_number_words(text):
        if not any(s < end and start < e for s, e in taken):
            found.append(_finish(text, start, end, value, step, None))
    found = [_and_a_half(text, m) for m in sorted(found, key=lambda m: m.start)]
    return _in_ratios(text, _share_pair_units(text, found))


_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)


def _and_a_half(text: str, mention: Mention) -> Mention:
    """Read 'an hour and a half' and 'two weeks and a half' as one amount: the half follows the unit."""
    after = _AND_A_HALF.match(text, mention.end)
    if after is None or mention.unit is None or mention.unit[0] != "time" or mention.value != int(mention.value):
        return mention
    raw = text[mention.start : after.end()]
    return replace(mention, raw=raw, value=mention.value + 0.5, end=after.end(), step=min(mention.step, 0.5))


_IN = re.compile(r"^\s+in\s+(?:every\s+)?$", re.IGNORECASE)


def _in_ratios(text: str, found: list[Mention]) -> list[Mention]:
    """Read 'four in five' and '1 in every 3' as one share, in percent (80%), not as two numbers."""
    out: list[Mention] = []
    skip = False
    for first, second in zip(found, [*found[1:], None], strict=False):
        if skip:
            skip = False
            continue
        whole = second.value if second is not None else 0
        if (
            second is not None
            and first.unit is None
            and not (first.percent or second.percent)
            and (second.unit is None or second.unit[0] == "noun")  # not '3 in 10 days'
            and _IN.match(text[first.end : second.start])
            and whole == int(whole)
            and 2 <= whole <= 100
            and 0 < first.value < whole
        ):
            end = second.start + len(second.raw.split()[0])
            share = first.value / whole * 100
            out.append(Mention(text[first.start : end], share, first.start, end, PERCENT, True, step=100 / whole / 5))
            skip = True
            continue
        out.append(first)
    return out


_PAIR_GAP = re.compile(r"^\s*(?:→|->|⟶|to|and|or|-|–)\s*[$€£]?$", re.IGNORECASE)  # '2-3 weeks': a range


def _share_pair_units(text: str, found: list[Mention]) -> list[Mention]:
    """Give a from-to pair's unitless number the time unit of its partner ('from nine minutes to four')."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if not _PAIR_GAP.match(text[first.end : second.start]):
            continue
        if first.unit and first.unit[0] == "time" and second.unit is None and not second.percent:
            out[i + 1] = replace(second, unit=first.unit)
        elif second.unit and second.unit[0] == "time" and first.unit is None and not first.percent:
            out[i] = replace(first, unit=second.unit)
    return out


def _digit_mention(text: str, match: re.Match[str]) -> Mention | None:
    """Turn one regex match into a Mention, or None for ordinals and stray scale letters."""
    rest = text[match.end("num") :]
    if _ORDINAL.match(rest):
        return None
    raw = match.group("num")
    value = float(raw.replace(",", ""))
    step = _step(raw)
    scale_word = match.group("scale") or match.group("scaleword")
    money = match.group("code") or CURRENCY_SYMBOLS.get(match.group("sym") or "")
    if scale_word == "m" and not money:
        scale_word = None  # "5m" without a currency is minutes or metres, not millions
    end = match.end("scale") if match.group("scale") else match.end("num")
    if match.group("scaleword"):
        end = match.end("scaleword")
    if scale_word:
        value, step = value * _SCALE[scale_word], step * _SCALE[scale_word]
    if match.group("pct"):
        return _finish(text, match.start(), match.end("pct"), value, step, PERCENT)
    unit = ("money", money) if money else None
    return _finish(text, match.start(), end, value, step, unit)


def _finish(text: str, start: int, end: int, value: float, step: float, unit: Unit | None) -> Mention:
    """Read what follows the number (points, currency code, 'x', a unit word) and build the Mention."""
    rest = text[end:]
    points = _POINTS.match(rest)
    if points:
        end += points.end()
        percent_points = points.group("pctword") or points.group().strip().lower() == "pp" or unit == PERCENT
        if not percent_points:  # plain "7 points" is a value in points (a score, a KPI unit), not a difference
            return Mention(text[start:end].strip(), value, start, end, ("noun", "point"), False, False, False, step)
        return Mention(text[start:end].strip(), value, start, end, PERCENT, True, True, False, step)
    if unit == PERCENT:
        return Mention(text[start:end].strip(), value, start, end, unit, True, False, False, step)
    code = _CODE_AFTER.match(rest)
    if code and (unit is None or unit[0] == "money"):
        unit = ("money", MONEY_WORDS.get(code.group().strip().lower(), code.group().strip().upper()))
        end += code.end()
    elif unit is None and (times := _TIMES.match(rest)):
        end += times.end()
        return Mention(text[start:end].strip(), value, start, end, None, False, False, True, step)
    elif unit is None:
        plus = 1 if rest.startswith("+") else 0  # "5+ weeks": the unit follows the "+"
        unit, length = parse_unit(rest[plus:])
        end += length + (plus if length else 0)
    return Mention(text[start:end].strip(), value, start, end, unit, False, False, False, step)


def _with_sign(text: str, mention: Mention) -> Mention:
    """Note a leading '+' or '-' written before the number (not a hyphen inside a word or range)."""
    before = text[: mention.start]
    if before.endswith("+"):
        return replace(mention, signed=1, raw="+" + mention.raw)
    # a sign follows a space ('roughly -27%', 'exceptions −43%'); a hyphen joins a word or a range ('3 - 5')
    if before.endswith(("-", "−", "–")) and not re.search(r"(?:\w[-−–]|\d\s*[-−–])$", before):
        return replace(mention, signed=-1, raw="-" + mention.raw)
    return mention


def _step(raw: str) -> float:
    """Return the precision a number was written to: 0.1 for '1.2', 1000 for '240,000'."""
    digits = raw.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    zeros = len(digits) - len(digits.rstrip("0"))
    if len(digits) >= 4 and zeros >= 3:
        return 1000.0  # "240,000" may be rounded to thousands, not further
    return 1.0
