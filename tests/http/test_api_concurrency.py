"""Concurrency against a real server: 20 parallel runs on 20 accounts, and two racing decisions."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.http.server_support import Server, create_key
from tests.http.support import copy_bundle

pytestmark = pytest.mark.slow
PARALLEL = 20


def _in_parallel(count: int, call) -> list:  # noqa: ANN001 - any callable of the index
    """Call `call(i)` for i in range(count) from `count` threads released together."""
    barrier = threading.Barrier(count)

    def run(i: int):  # noqa: ANN202
        barrier.wait(timeout=60)
        return call(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_twenty_parallel_loads_and_runs_on_twenty_accounts(server: Server, example_bundle: dict) -> None:
    admin = create_key(server.db, "u-admin", admin=True)
    bundles = [copy_bundle(example_bundle, f"c{i:02d}") for i in range(PARALLEL)]

    def load(i: int) -> int:
        with server.client(admin) as c:
            return c.put(f"/accounts/acc-c{i:02d}", json=bundles[i]).status_code

    def start(i: int) -> tuple[int, str, str]:
        with server.client(admin, timeout=600) as c:
            response = c.post(f"/accounts/acc-c{i:02d}/runs")
            body = response.json()
            if body.get("status") == "failed":  # say why in the assertion message, not just that it failed
                return response.status_code, f"failed: {body.get('failure')}", body.get("account_id")
            return response.status_code, body.get("status"), body.get("account_id")

    assert _in_parallel(PARALLEL, load) == [200] * PARALLEL
    results = _in_parallel(PARALLEL, start)
    assert results == [(201, "awaiting_review", f"acc-c{i:02d}") for i in range(PARALLEL)]
    log = server.output()
    assert "database is locked" not in log and "Traceback" not in log and " 500 " not in log
    with server.client(admin) as c:
        assert c.get("/metrics").json()["counts"]["recap_created"] == PARALLEL


@pytest.mark.parametrize(
    "decisions", [("approve", "reject"), ("reject", "reject")], ids=["approve-vs-reject", "reject-vs-reject"]
)
def test_two_racing_decisions_one_wins_the_other_409(
    server: Server, example_bundle: dict, decisions: tuple[str, str]
) -> None:
    admin, owner = create_key(server.db, "u-admin", admin=True), create_key(server.db, "u-maria")
    with server.client(admin) as c:
        c.put("/accounts/acc-northwind", json=example_bundle).raise_for_status()
    with server.client(owner) as c:
        run_id = c.post("/accounts/acc-northwind/runs").json()["run_id"]

    def decide(i: int) -> tuple[int, str]:
        with server.client(owner) as c:
            response = c.post(f"/runs/{run_id}/resume", json={"decision": decisions[i]})
            return response.status_code, response.json().get("status", "")

    outcomes = _in_parallel(2, decide)
    assert sorted(code for code, _ in outcomes) == [200, 409]
    winner = next(decisions[i] for i, (code, _) in enumerate(outcomes) if code == 200)
    with server.client(owner) as c:
        final = c.get(f"/runs/{run_id}").json()["status"]
        counts = c.get("/metrics").json()["counts"]
    assert final == {"approve": "approved", "reject": "rejected"}[winner]
    assert counts["decision_approved"] + counts["decision_rejected"] == 1
