"""The API side of the run guarantees (issue 11): freshness, corrupt state, read-only store, full disk."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.service import RecapService
from tests.conftest import AS_OF, checkpoint_failure
from tests.http.support import ACCOUNT, Keys
from tools.settings import Settings


def corrupt_latest_checkpoint(db: str, run_id: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE checkpoints SET checkpoint = x'00ff13' WHERE thread_id = ? AND checkpoint_id = "
            "(SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = ?)",
            (run_id, run_id),
        )
    conn.close()


def test_approving_an_outdated_run_is_409_naming_claims_and_the_reload(
    client: TestClient, keys: Keys, paused_run: dict, example_bundle: dict
) -> None:
    example_bundle["objective_kpis"][0]["current"] = 9
    assert client.put(f"/accounts/{ACCOUNT}", json=example_bundle, headers=keys.header("admin")).status_code == 200
    run_id = paused_run["run_id"]

    shown = client.get(f"/runs/{run_id}", headers=keys.header("owner")).json()
    assert shown["outdated"] is True and shown["freshness"]["current"] == 2
    assert "ka-2" in [c["claim_id"] for c in shown["freshness"]["changed"]]

    refused = client.post(f"/runs/{run_id}/resume", json={"decision": "approve"}, headers=keys.header("owner"))
    assert refused.status_code == 409
    assert "was reloaded" in refused.json()["detail"] and "ka-2" in refused.json()["unsupported_claims"]
    after = client.get(f"/runs/{run_id}", headers=keys.header("owner")).json()
    assert after["status"] == "awaiting_review" and after["freshness"]["verified_against"] == 2


@pytest.mark.sqlite_only("corrupts a checkpoint through sqlite3")
def test_a_corrupt_run_gets_a_json_error_naming_it_and_others_still_work(
    service: RecapService, keys: Keys, db_path: str
) -> None:
    with TestClient(create_app(service=service)) as c:
        broken, fine = (c.post(f"/accounts/{ACCOUNT}/runs", headers=keys.header("owner")).json() for _ in range(2))
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE runs SET status = 'running' WHERE run_id = ?", (broken["run_id"],))
    conn.close()
    corrupt_latest_checkpoint(db_path, broken["run_id"])

    with TestClient(create_app(service=service)) as c:  # start-up recovery meets the corrupt run and goes on
        bad = c.get(f"/runs/{broken['run_id']}", headers=keys.header("owner"))
        good = c.get(f"/runs/{fine['run_id']}", headers=keys.header("owner"))
    assert bad.status_code == 500 and broken["run_id"] in bad.json()["detail"]
    assert "corrupt" in bad.json()["detail"]
    assert good.status_code == 200 and good.json()["status"] == "awaiting_review"


@pytest.mark.sqlite_only("a read-only store is a read-only SQLite file")
def test_a_read_only_store_serves_reads_and_refuses_writes_with_json(
    client: TestClient, keys: Keys, paused_run: dict, db_path: str
) -> None:
    ro = RecapService(Settings(db=f"file:{db_path}?mode=ro", as_of=AS_OF, llm="offline"))
    with TestClient(create_app(service=ro)) as c:
        read = c.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner"))
        history = c.get(f"/runs/{paused_run['run_id']}/history", headers=keys.header("owner"))
        write = c.post(
            f"/runs/{paused_run['run_id']}/resume", json={"decision": "reject"}, headers=keys.header("owner")
        )
    assert read.status_code == 200 and read.json()["recap"] == paused_run["recap"]
    assert history.status_code == 200
    assert write.status_code == 503 and "read-only" in write.json()["detail"]


@pytest.mark.parametrize(
    ("message", "status"), [("database or disk is full", 507), ("disk I/O error", 503)], ids=["full", "io"]
)
def test_a_storage_failure_is_a_clean_error_and_the_run_can_be_retried(
    client: TestClient,
    keys: Keys,
    paused_run: dict,
    monkeypatch: pytest.MonkeyPatch,
    message: str,
    status: int,
    db_path: str,
) -> None:
    saver, error = checkpoint_failure(db_path, message)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    url = f"/runs/{paused_run['run_id']}"
    with monkeypatch.context() as patch:
        patch.setattr(saver, "put", fail)
        failed = client.post(f"{url}/resume", json={"decision": "approve"}, headers=keys.header("owner"))
    assert failed.status_code == status and message not in failed.text
    run = client.get(url, headers=keys.header("owner")).json()
    assert run["status"] == "awaiting_review" and run["failure"] is None
    retried = client.post(f"{url}/resume", json={"decision": "approve"}, headers=keys.header("owner"))
    assert retried.status_code == 200 and retried.json()["status"] == "approved"
