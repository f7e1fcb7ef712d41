"""Text helpers shared by the verifier rules: cleaning claim text, stems, and record fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache

from state.bundle import Record


def wordset(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of `text` as a set."""
    return frozenset(text.split())


# Words too common to tell one record's name from another's.
STOPWORDS = wordset(
    "a an the of to in on at for and or by from with per than is are was were be been being this that "
    "these those it its their our your his her they we you he she as into over under after before since "
    "until not no now still yet only all each every any some more most less fewer very so but if then "
    "while which who whom what when where how has have had do does did will would can could should may"
)
_CITATION_BRACKET = re.compile(r"\[\s*[\w.:-]+(?:\s*[,;]\s*[\w.:-]+)*\s*\]")
_MARKDOWN = re.compile(r"[*`]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")


def clean_claim_text(text: str, ids: AbstractSet[str]) -> str:
    """Return the claim text without markdown marks, citation brackets and record ids.

    Each id-like token of the text is looked up in `ids` (a trailing '.' or ':' is punctuation), so the
    cost follows the claim's length, not the number of records of the account.
    """
    text = _MARKDOWN.sub("", text)
    text = _SLASH_COUNT.sub(_slash_as_of, text)
    text = _CITATION_BRACKET.sub(lambda m: _blank_if_ids(m.group(), ids), text)
    spans = []
    for match in _ID_TOKEN.finditer(text):
        token = match.group().rstrip(".:")
        if token in ids:
            spans.append((match.start(), match.start() + len(token)))
    return blank_spans(text, spans) if spans else text


# '3/5 KPIs on track' is a count written with a slash: read it as '3 of 5 KPIs'
_SLASH_COUNT = re.compile(r"(?<![\w./])(\d{1,3})\s?/\s?(\d{1,3})(?![\d/])(?=\s+(?:[A-Za-z-]+\s+){0,2}[A-Za-z]+s\b)")


def _slash_as_of(match: re.Match[str]) -> str:
    part, whole = int(match.group(1)), int(match.group(2))
    return f"{part} of {whole}" if 0 <= part <= whole <= 100 else match.group()


_ID_TOKEN = re.compile(r"(?<![\w-])[\w][\w.:-]*")


def _blank_if_ids(bracket: str, ids: AbstractSet[str]) -> str:
    tokens = [t for t in re.split(r"[\s,;\[\]]+", bracket) if t]
    if tokens and all(t in ids or "-" in t for t in tokens):
        return " " * len(bracket)
    return bracket


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Return `text` with each (start, end) span replaced by spaces, keeping offsets."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def normalise(text: str) -> str:
    """Return lowercase words separated by single spaces, punctuation dropped."""
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'")))


# Short forms writers use in names of things ('billable hrs' for 'Billable hours'), as the stem of the long form
_SHORT_FORMS = {
    "hr": "hour",
    "hrs": "hour",
    "min": "minute",
    "mins": "minute",
    "wk": "week",
    "wks": "week",
    "mo": "month",
    "mos": "month",
    "yr": "year",
    "yrs": "year",
    "mgr": "manager",
    "mgmt": "management",
    "dept": "department",
    "spoilage": "spoil",  # a loss named by what happened to the product
    "breakage": "break",
    "leakage": "leak",
    "shrinkage": "shrink",
    "ops": "operation",
    "approx": "approximate",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem, enough to match 'answers' with 'answered' and 'enquiries' with 'enquiry'."""
    word = word.lower().removesuffix("'s")
    if word in _SHORT_FORMS:
        return _SHORT_FORMS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[tuple[int, str]]:
    """Return (offset, word) for every word of `text`."""
    return [(m.start(), m.group()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    """Return the stems of the non-stopword words of `text`."""
    return frozenset(stem(w) for _, w in words(text) if w.lower() not in STOPWORDS and not w.isdigit())


@lru_cache(maxsize=4096)
def word_stems(text: str) -> frozenset[str]:
    """Return the stems of every word of `text`."""
    return frozenset(stem(w) for _, w in words(text))


def is_id_field(name: str) -> bool:
    """Tell whether a record field holds ids rather than prose."""
    return name == "id" or name.endswith("_id") or name.endswith("_ids") or name in {"email", "phone"}


def text_fields(record: Record) -> Iterator[tuple[str, str]]:
    """Yield (field, text) for every prose field of a record (names, notes, comments, titles...)."""
    for name, value in record.model_dump().items():
        if isinstance(value, str) and value.strip() and not is_id_field(name):
            yield name, value


def numeric_fields(record: Record) -> Iterator[tuple[str, float]]:
    """Yield (field, number) for every numeric field of a record."""
    for name, value in record.model_dump().items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            yield name, float(value)


def date_fields(record: Record) -> Iterator[tuple[str, dt.date]]:
    """Yield (field, date) for every date field of a record, ISO strings of extra fields included."""
    for name, value in record.model_dump().items():
        if isinstance(value, dt.date):
            yield name, value
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
            try:
                yield name, dt.date.fromisoformat(value[:10])
            except ValueError:
                continue


def fmt_number(value: float) -> str:
    """Format a number the way a person writes it (240,000; 0.5; 12)."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
