"""Batches and diffs over HTTP: start in the background, poll progress, owners limited to their accounts."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from tests.http.support import Keys


def poll(client: TestClient, batch_id: str, headers: dict[str, str]) -> dict:
    """Poll until the batch is finished (bounded: 600 polls)."""
    for _ in range(600):
        body = client.get(f"/batches/{batch_id}", headers=headers).json()
        if body["finished"]:
            return body
        time.sleep(0.05)
    raise AssertionError(f"batch {batch_id} did not finish")


def test_an_owner_batches_only_their_accounts(client: TestClient, keys: Keys) -> None:
    started = client.post("/batches", json={"all": True}, headers=keys.header("owner"))
    assert started.status_code == 202, started.text
    body = poll(client, started.json()["batch_id"], keys.header("owner"))
    assert [i["account_id"] for i in body["items"]] == ["acc-northwind"]
    assert body["items"][0]["state"] == "awaiting_review" and body["selection"]["owner"] == "u-maria"
    assert client.get(f"/batches/{body['batch_id']}", headers=keys.header("other_user")).status_code == 404
    assert client.post("/batches", json={"owner": "u-omar"}, headers=keys.header("owner")).status_code == 403


def test_an_admin_batches_everyone_and_bad_selections_are_422(client: TestClient, keys: Keys) -> None:
    started = client.post("/batches", json={"all": True, "concurrency": 2}, headers=keys.header("admin"))
    body = poll(client, started.json()["batch_id"], keys.header("admin"))
    assert sorted(i["account_id"] for i in body["items"]) == ["acc-northwind", "acc-other"]
    assert client.post("/batches", json={}, headers=keys.header("admin")).status_code == 422
    assert client.post("/batches", json={"all": True, "concurency": 3}, headers=keys.header("admin")).status_code == 422


def test_a_runs_diff_is_readable_by_its_owner_only(client: TestClient, keys: Keys, paused_run: dict) -> None:
    url = f"/runs/{paused_run['run_id']}/diff"
    mine = client.get(url, headers=keys.header("owner"))
    assert mine.status_code == 200 and mine.json()["previous_run_id"] is None
    assert client.get(url, headers=keys.header("other_user")).status_code == 404
