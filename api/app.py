"""The HTTP API (spec section 5): built by `create_app`, nothing at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import routes_accounts, routes_batches, routes_import, routes_keys, routes_outcomes, routes_runs, ui
from api.hygiene import invalid_request, refuse_invalid_params
from api.limits import BodyGuard, key_check
from api.startup import recovery
from graph.service import RecapService
from state.bundle import Bundle
from state.errors import ApprovalRefused, BundleInvalid, RecapError
from state.text import clean_value
from tools.db import db_errors, storage_error
from tools.keys import KeyStore
from tools.settings import Settings, load_settings

log = logging.getLogger("recap.api")
BODY_PARSE_ERROR = "There was an error parsing the body"  # FastAPI's own message for an undecodable body

DESCRIPTION = (
    "Evidence-backed account value recaps that pause for the owner's review. Every call but `/health` "
    "carries `Authorization: Bearer KEY` (from `recap keys create`). Owners see and decide only runs of "
    "accounts they own; an admin key may do everything."
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Before serving, carry runs a dead process left `running` to their pause, or fail them (one process does)."""
    async with recovery(app.state.service):
        yield


async def recap_error(request: Request, exc: Exception) -> JSONResponse:
    """Map a domain error to its status code and a `{"detail": ...}` body."""
    assert isinstance(exc, RecapError)
    body: dict[str, Any] = {"detail": exc.message}
    if isinstance(exc, BundleInvalid):
        body["detail"] = exc.problems
    if isinstance(exc, ApprovalRefused):
        body["unsupported_claims"] = exc.claim_ids
    return JSONResponse(clean_value(body), status_code=exc.status_code)


async def storage_failure(request: Request, exc: Exception) -> JSONResponse:
    """Answer a storage failure that no domain error named yet: read-only, full, I/O, unreachable (never its text)."""
    mapped = storage_error(exc)
    if mapped is None:
        log.error("database error on %s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": "internal error: the store failed"}, status_code=500)
    return JSONResponse({"detail": mapped.message}, status_code=mapped.status_code)


async def unreadable_body(request: Request, exc: Exception) -> Response:
    """Answer a body FastAPI could not even decode (not UTF-8 JSON text) with 422, like any invalid input."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == BODY_PARSE_ERROR:
        detail = [{"type": "json_invalid", "loc": ["body"], "msg": "the body is not valid JSON text", "input": None}]
        return JSONResponse({"detail": detail}, status_code=422)
    return await http_exception_handler(request, exc)


def _openapi_with_bundle(app: FastAPI) -> dict[str, Any]:
    """Build the OpenAPI document once, describing the PUT body with the bundle's JSON schema."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schema = Bundle.model_json_schema(ref_template="#/components/schemas/{model}")
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    components.update(schema.pop("$defs", {}))
    components["Bundle"] = schema
    body = doc["paths"]["/accounts/{account_id}"]["put"]["requestBody"]
    body["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Bundle"}
    app.openapi_schema = doc
    return doc


def create_app(settings: Settings | None = None, service: RecapService | None = None) -> FastAPI:
    """Build the API over one SQLite file; recovery of interrupted runs happens at start-up."""
    if service is None:
        service = RecapService(settings or load_settings())
    app = FastAPI(
        title="recap",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(refuse_invalid_params)],
    )
    app.state.service = service
    app.state.keys = KeyStore(service.settings.db)
    app.add_exception_handler(RecapError, recap_error)
    for failure in db_errors():  # SQLite's, and psycopg's when the service opened PostgreSQL
        app.add_exception_handler(failure, storage_failure)
    app.add_exception_handler(StarletteHTTPException, unreadable_body)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_middleware(BodyGuard, max_bytes=service.settings.body_limit_bytes(), key_is_live=key_check(app.state.keys))
    app.include_router(routes_accounts.router)
    app.include_router(routes_import.router)
    app.include_router(routes_runs.router)
    app.include_router(routes_outcomes.router)
    app.include_router(routes_batches.router)
    app.include_router(routes_keys.router)
    ui.install(app)
    app.openapi = lambda: _openapi_with_bundle(app)  # type: ignore[method-assign]
    return app
