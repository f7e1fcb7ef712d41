"""Answer invalid requests without ever crashing on what they carried.

FastAPI's own 422 handler echoes each bad input; a lone surrogate in it cannot be encoded, so the
handler itself failed with a 500. This one cleans everything it echoes, echoes only short scalar
inputs, names each bad field by its path, and turns "Extra inputs are not permitted" into
"unknown field; did you mean text?".
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from state.fields import problem_message
from state.text import INVALID_TEXT_MESSAGE, clean_value, is_clean
from state.validation import format_loc

ECHO_LIMIT = 200  # characters of a bad input echoed back


def refuse_invalid_params(request: Request) -> None:
    """Refuse a path or query parameter holding invalid text with 422 naming it, before any store is asked.

    SQLite stores a NUL character; PostgreSQL refuses it with an error of its own. No id, owner or filter
    can hold one (bundles and decisions refuse it), so both backends answer the same way here.
    """
    params = [("path", name, value) for name, value in request.path_params.items()]
    params += [("query", name, value) for name, value in request.query_params.multi_items()]
    problems = [
        {"type": "string_invalid_text", "loc": (where, name), "msg": INVALID_TEXT_MESSAGE, "input": value}
        for where, name, value in params
        if isinstance(value, str) and not (is_clean(value) and is_clean(name))
    ]
    if problems:
        raise RequestValidationError(problems)


def body_model(request: Request) -> Any:
    """Return the annotation of the route's body parameter, or None."""
    route = request.scope.get("route")
    params = getattr(getattr(route, "dependant", None), "body_params", None) or []
    return params[0].field_info.annotation if len(params) == 1 else None


def _echo(value: Any) -> Any:
    """Return a short, encodable echo of a bad input (None for objects and lists)."""
    if isinstance(value, str):
        return clean_value(value[:ECHO_LIMIT])
    if isinstance(value, float) and not math.isfinite(value):  # JSON has no NaN; Python's parser reads it
        return str(value)
    return value if isinstance(value, int | float | bool) or value is None else None


def describe(error: Any, model: Any) -> dict[str, Any]:
    """Return one problem of a 422 answer: type, loc, the field's path, a message, a short echo."""
    loc = tuple(error.get("loc", ()))
    in_body = loc[:1] == ("body",)
    message = problem_message(model if in_body else None, {**error, "loc": loc[1:] if in_body else loc})
    field = format_loc(loc[1:]) if len(loc) > 1 else format_loc(loc)
    return clean_value(
        {
            "type": str(error.get("type", "")),
            "loc": list(loc),
            "field": field,
            "msg": message,
            "input": _echo(error.get("input")),
        }
    )


async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """Answer 422 naming every bad field; nothing the client sent can make this handler fail."""
    assert isinstance(exc, RequestValidationError)
    model = body_model(request)
    return JSONResponse({"detail": [describe(e, model) for e in exc.errors()]}, status_code=422)
