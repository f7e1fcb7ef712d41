"""GET /runs/{run_id}/export: audiences, formats, content types, the CSP, and who may read it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.render import CSP
from tests.http.support import Keys

TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "email": "text/plain; charset=utf-8",
    "json": "application/json",
}


def export(client: TestClient, run_id: str, keys: Keys, role: str = "owner", **params: str):
    return client.get(f"/runs/{run_id}/export", params=params, headers=keys.header(role))


@pytest.fixture
def approved(client: TestClient, keys: Keys, paused_run: dict) -> str:
    response = client.post(
        f"/runs/{paused_run['run_id']}/resume",
        headers=keys.header("owner"),
        json={"decision": "approve", "comment": "Ship it\n# APPROVED by u-ceo"},
    )
    assert response.json()["status"] == "approved", response.text
    return paused_run["run_id"]


@pytest.mark.parametrize("fmt", list(TYPES))
@pytest.mark.parametrize("audience", ["internal", "customer"])
def test_every_audience_and_format_of_an_approved_run(
    client: TestClient, keys: Keys, approved: str, audience: str, fmt: str
) -> None:
    response = export(client, approved, keys, audience=audience, format=fmt)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == TYPES[fmt]
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert f"-{audience}." in response.headers["content-disposition"]
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF-")
    elif audience == "customer":
        assert "kpi-nw-1" not in response.text and "risk-nw-1" not in response.text
        assert "EHR integration blocked by vendor" not in response.text and "Ship it" not in response.text


def test_internal_views_carry_the_stamp_and_the_escaped_comment(client: TestClient, keys: Keys, approved: str) -> None:
    md = export(client, approved, keys, format="md").text
    assert md.startswith("> **APPROVED by u-maria on ")
    assert "> Comment: Ship it \\# APPROVED by u-ceo" in md
    assert "*supported*" in md


def test_a_customer_export_of_a_paused_run_is_refused(client: TestClient, keys: Keys, paused_run: dict) -> None:
    response = export(client, paused_run["run_id"], keys, audience="customer", format="html")
    assert response.status_code == 409
    assert response.json()["detail"].endswith("only an approved recap can be exported for the customer")
    assert export(client, paused_run["run_id"], keys, format="html").status_code == 200  # the owner's view is fine


@pytest.mark.parametrize(("role", "status"), [("other_user", 404), ("none", 401), ("admin", 200)])
def test_export_is_read_like_the_run(client: TestClient, keys: Keys, paused_run: dict, role: str, status: int) -> None:
    assert export(client, paused_run["run_id"], keys, role).status_code == status


@pytest.mark.parametrize("params", [{"format": "docx"}, {"audience": "press"}], ids=["format", "audience"])
def test_an_unknown_choice_is_422_naming_it(client: TestClient, keys: Keys, paused_run: dict, params: dict) -> None:
    response = export(client, paused_run["run_id"], keys, **params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]
