"""A real `recap serve` process: paused runs survive SIGKILL, interrupted runs are resolved on restart."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import EXAMPLE
from tests.http.server_support import Server, create_key
from tests.http.support import ACCOUNT, OWNER

pytestmark = pytest.mark.slow
BUNDLE = json.loads(EXAMPLE.read_text())


def _sql(db: str, statement: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def _statuses(db: str) -> dict[str, str]:
    return dict(_sql(db, "SELECT run_id, status FROM runs"))


def test_keys_and_loading_through_the_real_server(server: Server) -> None:
    admin, owner = create_key(server.db, "u-admin", admin=True), create_key(server.db, OWNER)
    with server.client() as anonymous:
        assert anonymous.get("/metrics").status_code == 401
    with server.client(admin) as c:
        assert c.put(f"/accounts/{ACCOUNT}", json=BUNDLE).status_code == 200
    with server.client(owner) as c:
        assert c.get("/metrics").json()["counts"]["recap_created"] == 0
    stored = _sql(server.db, "SELECT key_hash FROM api_keys")
    assert len(stored) == 2 and all(owner not in row[0] and len(row[0]) == 64 for row in stored)


def test_paused_runs_survive_sigkill_and_resume_after_restart(server: Server) -> None:
    admin, owner = create_key(server.db, "u-admin", admin=True), create_key(server.db, OWNER)
    with server.client(admin) as c:
        c.put(f"/accounts/{ACCOUNT}", json=BUNDLE).raise_for_status()
    with server.client(owner) as c:
        runs = [c.post(f"/accounts/{ACCOUNT}/runs").json() for _ in range(2)]
    assert [r["status"] for r in runs] == ["awaiting_review"] * 2

    server.kill()
    server.start()
    with server.client(owner) as c:
        assert [c.get(f"/runs/{r['run_id']}").json() for r in runs] == runs
        target = runs[0]["recap"]["sections"]["executive_summary"][0]["id"]
        edit = {"edit": [{"id": target, "text": "Median first-response time fell 58%, from 12 hours to 5 hours."}]}
        edited = c.post(f"/runs/{runs[0]['run_id']}/resume", json={"decision": "edit", "edits": edit}).json()
        assert edited["status"] == "awaiting_review" and edited["recap"] != runs[0]["recap"]
        assert c.post(f"/runs/{runs[0]['run_id']}/resume", json={"decision": "approve"}).json()["status"] == "approved"
        approved = c.post(f"/runs/{runs[1]['run_id']}/resume", json={"decision": "approve"}).json()
        assert approved["status"] == "approved"
        first = c.get(f"/runs/{runs[0]['run_id']}").json()
        before = c.get("/metrics").json()["counts"]

    server.kill()
    server.start()
    with server.client(owner) as c:
        counts = c.get("/metrics").json()["counts"]
        assert [c.get(f"/runs/{r['run_id']}").json()["status"] for r in runs] == ["approved", "approved"]
    assert counts == before
    assert counts["recap_created"] == 2 and counts["decision_edited"] == 1 and counts["claim_edited"] == 1
    assert counts["decision_approved"] == 2
    assert counts["claim_approved"] == len(list(_claims(first))) + len(list(_claims(approved)))
    events = _sql(server.db, "SELECT count(*), count(DISTINCT key) FROM events")[0]
    assert events[0] == events[1]


def _claims(run: dict) -> Iterator[dict]:
    recap = run["recap"]
    for claims in recap["sections"].values():
        yield from claims
    for entry in recap["value_recap"]:
        yield entry["goal"]
        yield entry["outcome"]
        yield entry["next_recommendation"]
        for key in ("delivered_work", "evidence", "open_risk"):
            yield from entry[key]
    yield from recap["caveats"]


def test_runs_left_running_are_resolved_on_restart(server: Server) -> None:
    admin = create_key(server.db, "u-admin", admin=True)
    with server.client(admin) as c:
        c.put(f"/accounts/{ACCOUNT}", json=BUNDLE).raise_for_status()
        paused, midway = (c.post(f"/accounts/{ACCOUNT}/runs").json() for _ in range(2))
        steps = c.get(f"/runs/{midway['run_id']}/history").json()
        counts = c.get("/metrics").json()["counts"]
    cut = next(s["checkpoint_id"] for s in steps if s["node"] == "evidence_check")
    server.kill()
    # A decision claimed but never applied, and a run whose process died while drafting.
    _sql(server.db, "UPDATE runs SET status = 'running' WHERE run_id IN (?, ?)", (paused["run_id"], midway["run_id"]))
    _sql(server.db, "DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_id > ?", (midway["run_id"], cut))
    _sql(server.db, "DELETE FROM writes WHERE thread_id = ? AND checkpoint_id >= ?", (midway["run_id"], cut))
    server.start()
    with server.client(admin) as c:
        back = c.get(f"/runs/{paused['run_id']}").json()
        redone = c.get(f"/runs/{midway['run_id']}").json()
        assert c.get("/metrics").json()["counts"] == counts
    assert back.pop("updated_at") >= paused.pop("updated_at") and back == paused  # back to review, recap intact
    assert redone["status"] == "awaiting_review"
    assert [x["id"] for x in _claims(redone)] == [x["id"] for x in _claims(midway)]
    assert "running" not in _statuses(server.db).values()


def test_a_server_killed_mid_run_leaves_no_run_running(server: Server) -> None:
    admin = create_key(server.db, "u-admin", admin=True)
    with server.client(admin) as c:
        c.put(f"/accounts/{ACCOUNT}", json=BUNDLE).raise_for_status()

    def start() -> None:
        with server.client(admin) as c, contextlib.suppress(httpx.TransportError):
            c.post(f"/accounts/{ACCOUNT}/runs")  # the server dies under it

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while "running" not in _statuses(server.db).values() and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill()
    for t in threads:
        t.join(timeout=30)
    assert "running" in _statuses(server.db).values()
    server.start()
    statuses = _statuses(server.db)
    assert statuses and set(statuses.values()) <= {"awaiting_review", "failed"}
    with server.client(admin) as c:
        for run_id in statuses:
            run = c.get(f"/runs/{run_id}").json()
            assert run["status"] == "awaiting_review" or run["failure"]
