"""Input hygiene: find text that cannot be stored or echoed, and make any text safe to echo.

A JSON document may carry `"\\ud800"`, a lone UTF-16 surrogate: Python decodes it to a `str` that
no UTF-8 encoder accepts, so storing, printing or echoing it in an error fails. A NUL character is
refused too: no record or comment needs one, and C-level consumers truncate at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, StrictStr

INVALID_TEXT = re.compile("[\ud800-\udfff\x00]")
INVALID_TEXT_MESSAGE = "contains invalid text (a lone UTF-16 surrogate or a NUL character)"


def clean_text(text: str) -> str:
    """Return `text` with every lone surrogate or NUL replaced by U+FFFD, safe to encode as UTF-8."""
    return INVALID_TEXT.sub("\ufffd", text)


def is_clean(text: str) -> bool:
    """Return whether `text` holds no lone surrogate and no NUL."""
    return INVALID_TEXT.search(text) is None


def clean_value(value: Any) -> Any:
    """Return a copy of a JSON-like value with every string (keys too) cleaned; other leaves as they are."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    return value


def invalid_text_locs(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Yield the location of every string (value or object key) of a JSON-like value holding invalid text."""
    if isinstance(value, str):
        if not is_clean(value):
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            name = clean_text(key) if isinstance(key, str) else key
            if isinstance(key, str) and not is_clean(key):
                yield (*loc, name)
            yield from invalid_text_locs(item, (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from invalid_text_locs(item, (*loc, i))


def check_clean(value: str) -> str:
    """Pydantic after-validator: refuse a string holding invalid text."""
    if not is_clean(value):
        raise ValueError(INVALID_TEXT_MESSAGE)
    return value


CleanStr = Annotated[StrictStr, AfterValidator(check_clean)]
