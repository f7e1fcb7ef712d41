"""Outcome events and the report over HTTP: validation, idempotency, run state, authorization."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.http.support import Keys


@pytest.fixture
def approved_run(client: TestClient, keys: Keys, paused_run: dict) -> dict:
    """Return the example account's run, approved by its owner (attesting what the verifier could not check)."""
    run_id = paused_run["run_id"]
    response = client.post(f"/runs/{run_id}/resume", json={"decision": "approve"}, headers=keys.header("owner"))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "approved"
    return response.json()


QUESTION = {"event": "customer_question", "text": "Can billing join next year?", "contact_id": "con-nw-1", "key": "q-1"}


def test_an_owner_logs_an_outcome_once_per_key(client: TestClient, keys: Keys, approved_run: dict) -> None:
    url = f"/runs/{approved_run['run_id']}/events"
    first = client.post(url, json=QUESTION, headers=keys.header("owner"))
    again = client.post(url, json=QUESTION, headers=keys.header("owner"))
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["actor"] == "u-maria" and again.json()["created"] is False
    counts = client.get("/metrics", headers=keys.header("owner")).json()["counts"]
    assert counts["customer_question"] == 1


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({"event": "customer_question", "text": "Why?", "contact_id": "con-nobody"}, 422, "con-nobody"),
        ({"event": "customer_meeting"}, 422, "event"),
        ({"event": "customer_decision", "decision": "renewed", "kind": "x"}, 422, "kind"),
    ],
    ids=["unknown-contact", "unknown-kind", "unknown-field"],
)
def test_bad_outcomes_are_refused_by_name(
    client: TestClient, keys: Keys, approved_run: dict, body: dict, status: int, needle: str
) -> None:
    response = client.post(f"/runs/{approved_run['run_id']}/events", json=body, headers=keys.header("owner"))
    assert response.status_code == status and needle in response.text


def test_outcomes_on_a_run_that_is_not_approved_get_409(client: TestClient, keys: Keys, paused_run: dict) -> None:
    response = client.post(f"/runs/{paused_run['run_id']}/events", json=QUESTION, headers=keys.header("owner"))
    assert response.status_code == 409 and "approved recaps only" in response.json()["detail"]


@pytest.mark.parametrize(("role", "status"), [("none", 401), ("other_user", 403), ("admin", 201)])
def test_only_the_owner_or_an_admin_may_log(
    client: TestClient, keys: Keys, approved_run: dict, role: str, status: int
) -> None:
    response = client.post(f"/runs/{approved_run['run_id']}/events", json=QUESTION, headers=keys.header(role))
    assert response.status_code == status


def test_the_report_counts_the_history_for_its_owner_only(client: TestClient, keys: Keys, approved_run: dict) -> None:
    url = f"/runs/{approved_run['run_id']}/events"
    decision = {"event": "customer_decision", "decision": "renewed", "text": "Two more years.", "key": "d-1"}
    assert client.post(url, json=decision, headers=keys.header("owner")).status_code == 201
    mine = client.get("/reports/summary", headers=keys.header("owner")).json()
    assert mine["overall"]["recaps_approved"] == 1 and mine["overall"]["customer_decisions"]["renewed"] == 1
    assert [a["account_id"] for a in mine["renewed_or_expanded"]] == ["acc-northwind"]
    theirs = client.get("/reports/summary", headers=keys.header("other_user")).json()
    assert theirs["overall"]["recaps_approved"] == 0 and theirs["renewed_or_expanded"] == []
    assert client.get("/reports/summary?owner=u-maria", headers=keys.header("other_user")).status_code == 403
    everyone = client.get("/reports/summary", headers=keys.header("admin")).json()
    assert everyone["overall"]["recaps_approved"] == 1
