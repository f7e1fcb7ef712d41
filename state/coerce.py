"""Forgiving reading of text cells: numbers in text, any-case enumerations, day-month-name dates.

Every rule here is safe (one reading only); anything ambiguous is refused with the accepted forms
listed. The kinds come from the bundle's own models, so a new field needs no new rule here.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from state.bundle import RECORD_TYPES, Account, Record

Coerce = Callable[[str], Any]

NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?|[+-]?\.\d+")
DATE_FORMS = "YYYY-MM-DD, 3 Apr 2026, 3 April 2026 or April 3, 2026"
MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_SEP = r"[\s\-/.]+"
DAY_FIRST = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}([A-Za-z]+)\.?,?{_SEP}(\d{{4}})")
MONTH_FIRST = re.compile(rf"([A-Za-z]+)\.?{_SEP}(\d{{1,2}})(?:st|nd|rd|th)?,?{_SEP}(\d{{4}})")
ALL_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
TRUE_WORDS = {"yes", "y", "true", "t", "1"}
FALSE_WORDS = {"no", "n", "false", "f", "0"}


def fold(text: str) -> str:
    """Return the matching key of a word: lower case, without spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", text).lower()


def to_number(text: str) -> int | float:
    """Read `85000`, `85,000`, `-3` or `12.75` as a number; anything else is refused."""
    value = text.strip()
    if not NUMBER.fullmatch(value):
        raise ValueError(f"'{text}' is not a number (write 85000, 85,000 or 12.5)")
    plain = value.replace(",", "")
    return int(plain) if plain.lstrip("+-").isdigit() else float(plain)


def _month_name_date(day: str, month: str, year: str, text: str) -> dt.date:
    number = MONTHS.get(month.lower())
    if number is None:
        raise ValueError(f"'{text}': '{month}' is not a month name (accepted: {DATE_FORMS})")
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def _iso(value: str) -> dt.date | None:
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        try:
            return dt.datetime.fromisoformat(value).date() if len(value) > 10 else dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a real date (accepted: {DATE_FORMS})") from None
    return None


def to_date(text: str) -> str:
    """Read an ISO date or an unambiguous day-month-name date; return it as ISO `YYYY-MM-DD`."""
    value = text.strip()
    iso = _iso(value)
    if iso is not None:
        return iso.isoformat()
    if found := DAY_FIRST.fullmatch(value):
        return _month_name_date(found[1], found[2], found[3], text).isoformat()
    if found := MONTH_FIRST.fullmatch(value):
        return _month_name_date(found[2], found[1], found[3], text).isoformat()
    if ALL_NUMERIC.fullmatch(value):
        raise ValueError(f"'{text}' is ambiguous (which part is the day, which the month?): write {DATE_FORMS}")
    raise ValueError(f"'{text}' is not a date (accepted: {DATE_FORMS})")


def to_flag(text: str) -> bool:
    """Read yes/no, true/false or 1/0 (any case) as a boolean."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"'{text}' is not yes/no, true/false or 1/0")


def enum_reader(choices: tuple[str, ...]) -> Coerce:
    """Return a reader matching any case and across spaces, underscores and hyphens, giving the canonical value."""
    canonical = {fold(c): c for c in choices}

    exact = set(choices)

    def read(text: str) -> str:
        if text in exact:
            return text
        found = canonical.get(fold(text))
        if found is None:
            raise ValueError(f"'{text}' must be one of " + ", ".join(choices))
        return found

    return read


def to_ids(text: str) -> list[str]:
    """Read a `;`-separated cell of ids as a list (empty parts dropped)."""
    return [part.strip() for part in text.split(";") if part.strip()]


def to_text(text: str) -> str:
    """Keep text as written."""
    return text


def to_id(text: str) -> str:
    """Read an id without the spaces around it."""
    return text.strip()


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional layers down to the value's type."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(kinds[0])
    return annotation


def reader_for(annotation: Any, name: str) -> Coerce:
    """Return the cell reader for a model field's type."""
    kind = _unwrap(annotation)
    if get_origin(kind) is Literal:
        return enum_reader(tuple(get_args(kind)))
    if get_origin(kind) is list:
        return to_ids
    simple: dict[Any, Coerce] = {float: to_number, int: to_number, bool: to_flag, dt.date: to_date}
    if kind in simple:
        return simple[kind]
    return to_id if name in ("id", "owner") or name.endswith("_id") else to_text


def field_readers(model: type[Record]) -> dict[str, Coerce]:
    """Return a cell reader for every field of a record model, in the model's field order."""
    return {name: reader_for(info.annotation, name) for name, info in model.model_fields.items()}


# Record type key -> field -> reader; `accounts` is the account object's own file.
MODELS: dict[str, type[Record]] = {"accounts": Account, **RECORD_TYPES}
READERS: dict[str, dict[str, Coerce]] = {key: field_readers(model) for key, model in MODELS.items()}
