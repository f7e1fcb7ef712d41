"""Unknown fields: find the known field a misspelled one was meant to be, and say so.

`closest_field("titel", ["id", "title"])` is `"title"`; `closest_field("kpis", BUNDLE_KEYS)` is
`"objective_kpis"`. A key that matches nothing (`crm_id`) gets no suggestion.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from state.text import INVALID_TEXT_MESSAGE

CUTOFF = 0.8  # difflib ratio: "titel"/"title" is 0.8, "created_at"/"updated_at" 0.7


def _norm(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "").replace(" ", "")


def _word_matches(name: str, known: list[str]) -> list[str]:
    """Known multi-word fields that hold `name` as whole words (`kpis` -> `objective_kpis`)."""
    word = f"_{name.lower().strip('_')}_"
    return [k for k in known if len(name) >= 4 and "_" in k and word in f"_{k}_"]


def closest_field(name: str, known: Iterable[str]) -> str | None:
    """Return the known field `name` most likely misspells, or None when none is close."""
    fields = [k for k in known if k != name]
    by_norm = {_norm(k): k for k in fields}
    if _norm(name) in by_norm:
        return by_norm[_norm(name)]
    close = difflib.get_close_matches(name.lower(), fields, n=1, cutoff=CUTOFF)
    if close:
        return close[0]
    words = _word_matches(name, fields)
    return words[0] if len(words) == 1 else None


def unknown_field_message(name: str, known: Iterable[str]) -> str:
    """Return "unknown field; did you mean X?" (or the known fields when none is close)."""
    known = list(known)
    suggestion = closest_field(name, known)
    if suggestion:
        return f"unknown field; did you mean {suggestion}?"
    return "unknown field; expected one of " + ", ".join(known)


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional and list wrappers down to the model (or plain type) inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def model_at(model: Any, loc: Iterable[str | int]) -> type[BaseModel] | None:
    """Return the pydantic model that sits at `loc` inside `model` (list indexes skipped), if any."""
    current = _unwrap(model)
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def extra_field_message(model: Any, loc: tuple[str | int, ...]) -> str:
    """Describe an `extra_forbidden` error at `loc` of `model`, suggesting the field it misspells."""
    parent = model_at(model, loc[:-1])
    name = loc[-1] if loc else ""
    if parent is None or not isinstance(name, str):
        return "unknown field"
    return unknown_field_message(name, parent.model_fields)


def problem_message(model: Any, error: Any) -> str:
    """Return the message of one pydantic error of `model`, naming the field an unknown one misspells."""
    if error.get("type") == "extra_forbidden":
        return extra_field_message(model, tuple(error.get("loc", ())))
    if error.get("type") == "string_unicode":  # a lone surrogate in an object key
        return INVALID_TEXT_MESSAGE
    return str(error.get("msg", "")).removeprefix("Value error, ")
