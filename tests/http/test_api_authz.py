"""The authorization table: every route, called with no key, another user's, the owner's and an admin's."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.http.support import ACCOUNT, Keys

ROLES = ("none", "other_user", "owner", "admin")
# route -> expected status per role, in ROLES order. Reads of someone else's things answer 404, actions 403.
TABLE: dict[str, tuple[int, int, int, int]] = {
    "GET /health": (200, 200, 200, 200),
    "PUT /accounts/{account_id}": (401, 403, 200, 200),
    "POST /accounts/{account_id}/runs": (401, 403, 201, 201),
    "POST /accounts/{account_id}/verify": (401, 404, 200, 200),
    "GET /metrics": (401, 200, 200, 200),
    "GET /metrics?account_id={account_id}": (401, 404, 200, 200),
    "GET /runs/{id}": (401, 404, 200, 200),
    "GET /runs/{id}/history": (401, 404, 200, 200),
    "GET /runs/{id}/trace/{claim_id}": (401, 404, 200, 200),
    "POST /runs/{id}/replay": (401, 403, 201, 201),
    "POST /runs/{id}/resume": (401, 403, 200, 200),
}
CASES = [(route, role, expected[i]) for route, expected in TABLE.items() for i, role in enumerate(ROLES)]


def _body(route: str, run: dict, checkpoint_id: str, bundle: dict) -> Any:
    if route.startswith("PUT /accounts"):
        return bundle
    if route.endswith("/verify"):
        return [{"id": "c1", "text": "Usage grew.", "citations": ["use-nw-1"]}]
    if route.endswith("/replay"):
        return {"checkpoint_id": checkpoint_id}
    if route.endswith("/resume"):
        return {"decision": "reject"}
    return None


@pytest.mark.parametrize(
    ("route", "role", "expected"), CASES, ids=[f"{route}-{role}-{expected}" for route, role, expected in CASES]
)
def test_route_answers_each_role(
    client: TestClient, keys: Keys, paused_run: dict, example_bundle: dict, route: str, role: str, expected: int
) -> None:
    run_id = paused_run["run_id"]
    checkpoint_id = client.get(f"/runs/{run_id}/history", headers=keys.header("owner")).json()[-1]["checkpoint_id"]
    claim_id = paused_run["recap"]["sections"]["executive_summary"][0]["id"]
    method, template = route.split(" ")
    url = template.format(account_id=ACCOUNT, id=run_id, claim_id=claim_id)
    body = _body(route, paused_run, checkpoint_id, example_bundle)
    response = client.request(method, url, json=body, headers=keys.header(role))
    assert response.status_code == expected, response.text
    if expected in (401, 403, 404):
        assert set(response.json()) == {"detail"}
    if expected >= 400 and method != "GET" and route != "PUT /accounts/{account_id}":
        after = client.get(f"/runs/{run_id}", headers=keys.header("admin")).json()
        assert after == paused_run  # a refused call changed nothing
