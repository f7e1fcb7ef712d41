"""Schemathesis fuzzes every operation of the OpenAPI schema, with an admin key: no answer is a 500.

The schema is loaded from the app a fixture builds (no database at import time); one test per
operation, valid and invalid inputs, a bounded number of examples each.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from api import routes_accounts, routes_runs
from tests.http.support import Keys

pytestmark = pytest.mark.slow
EXAMPLES = 30
OPERATIONS = sorted(
    (method, route.path)
    for router in (routes_accounts.router, routes_runs.router)
    for route in router.routes
    if isinstance(route, APIRoute)
    for method in route.methods
)
CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_operation_answers_500(client: TestClient, keys: Keys, method: str, path: str) -> None:
    operation = schemathesis.openapi.from_asgi("/openapi.json", client.app)[path][method]
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    def fuzz(case: schemathesis.Case) -> None:
        response = case.call(headers=keys.header("admin"))
        case.validate_response(response, checks=CHECKS)

    fuzz()
