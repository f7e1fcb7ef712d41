"""Start-up recovery across server processes: of all the apps over one store, one recovers."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.service import RecapService, Recovery
from tests.conftest import AS_OF
from tests.http.server_support import RECAP, Server, create_key, recap_env
from tests.http.support import ACCOUNT
from tools.settings import Settings


class CountingService(RecapService):
    """A service that remembers each recovery it ran and what it recovered."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.recoveries: list[list[str]] = []

    def recover(self, before: str | None = None) -> Recovery:
        report = super().recover(before)
        self.recoveries.append(report.recovered)
        return report


def _service(db: str, server_id: str) -> CountingService:
    return CountingService(Settings(db=db, as_of=AS_OF, llm="offline", server_id=server_id))


def _left_running(svc: RecapService) -> str:
    """Record a run as a crashed process leaves it: `running`, nothing drafted yet."""
    return svc.runs.create("run-left-running", ACCOUNT, "u-maria", "u-maria", AS_OF, data_version=1)


@pytest.fixture
def store(db_path: str, example_bundle: dict) -> str:
    RecapService(Settings(db=db_path, as_of=AS_OF, llm="offline")).load_bundle(example_bundle)
    return db_path


def test_two_app_start_ups_over_one_store_recover_a_run_once(store: str) -> None:
    first, second = _service(store, "server-a"), _service(store, "server-b")
    run_id = _left_running(first)
    with TestClient(create_app(service=first)), TestClient(create_app(service=second)):
        assert first.recoveries == [[run_id]]
        assert second.recoveries == []  # the other server holds the lease: it does not even look
        assert first.get_run(run_id).status == "awaiting_review"


def test_workers_of_one_server_recover_once(store: str) -> None:
    workers = [_service(store, "serve-1") for _ in range(3)]
    _left_running(workers[0])
    with (
        TestClient(create_app(service=workers[0])),
        TestClient(create_app(service=workers[1])),
        TestClient(create_app(service=workers[2])),
    ):
        assert [len(w.recoveries) for w in workers] == [1, 0, 0]


def test_a_run_started_after_the_lease_was_taken_is_not_recovered(store: str) -> None:
    svc = _service(store, "server-a")
    with TestClient(create_app(service=svc)):
        run_id = _left_running(svc)  # as a live sibling worker's run looks while it drafts
        assert svc.recover(before="2000-01-01T00:00:00.000+00:00").recovered == []
        assert svc.runs.get(run_id).status == "running"


def test_after_a_clean_shutdown_the_next_start_up_recovers(store: str) -> None:
    first = _service(store, "server-a")
    with TestClient(create_app(service=first)):
        pass
    later = _service(store, "server-b")
    run_id = _left_running(later)
    with TestClient(create_app(service=later)):
        assert later.recoveries == [[run_id]]


def test_recap_serve_with_two_workers_recovers_once_and_serves(tmp_path: Path, example_bundle: dict) -> None:
    db = str(tmp_path / "recap.db")
    svc = RecapService(Settings(db=db, as_of=AS_OF, llm="offline"))
    svc.load_bundle(example_bundle)
    run_id = _left_running(svc)
    key = create_key(db, "u-admin", admin=True)
    server = Server(db, tmp_path / "server.log", extra=("--workers", "2"))
    try:
        server.start()
        assert server.proc is not None
        master = server.proc.pid
        with server.client(key) as c:
            # The worker holding the lease recovers while its sibling already answers: wait for the recovery.
            assert _status_after_recovery(c, run_id) == "awaiting_review"
            assert c.post(f"/accounts/{ACCOUNT}/runs").status_code == 201
        assert len([p for p in _children(master) if b"spawn_main" in _cmdline(p)]) == 2  # two workers
    finally:
        workers = _children(server.proc.pid) if server.proc is not None else []
        server.kill()
        for pid in workers:  # SIGKILL on the supervisor leaves its workers: end them too
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    log = server.output()
    assert len(re.findall(r"recovered 1 interrupted run", log)) == 1, log


def _status_after_recovery(client: httpx.Client, run_id: str, limit: float = 120.0) -> str:
    """Return the run's status once it is no longer `running` (or `running` after `limit` seconds)."""
    deadline = time.monotonic() + limit
    status = "running"
    while status == "running" and time.monotonic() < deadline:
        status = client.get(f"/runs/{run_id}").json()["status"]
        time.sleep(0.2)
    return status


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _children(pid: int) -> list[int]:
    """Return the ids of the processes whose parent is `pid` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_serve_refuses_a_bad_worker_count(tmp_path: Path) -> None:
    out = subprocess.run(
        [str(RECAP), "serve", "--db", str(tmp_path / "x.db"), "--workers", "0"],
        env=recap_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0 and "--workers" in out.stderr
