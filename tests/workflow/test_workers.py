"""Runs in `recap worker` processes over PostgreSQL: each run in exactly one worker, and a killed worker's run
picked up again from its last checkpoint by another."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from evals.bench.llm_server import SleepyServer
from graph.service import RecapService
from tests.conftest import AS_OF
from tests.http.support import copy_bundle
from tools.settings import Settings

RECAP = str(Path(sys.executable).parent / "recap")


def wait_for(check: Callable[[], bool], what: str, logs: Path, limit: float = 180.0) -> None:
    """Poll `check` every 0.2 s until it holds; fail naming `what`, with the workers' logs, after `limit` s."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    tails = [f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:] for p in sorted(logs.glob("*.log"))]
    raise AssertionError(f"timed out waiting for {what}\n" + "\n".join(tails))


@pytest.fixture
def start_worker(pg_url: str, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start `recap worker` processes on the test schema; stop whatever is left at the end."""
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str, **env: str) -> subprocess.Popen[bytes]:
        full = {
            **os.environ,
            "RECAP_DATABASE_URL": pg_url,
            "RECAP_AS_OF": AS_OF,
            "RECAP_WORKER_STALLED_AFTER": "3",
            **env,
        }
        with (tmp_path / f"{name}.log").open("wb") as log:  # the child keeps its own handle
            proc = subprocess.Popen([RECAP, "worker", "--concurrency", "2"], env=full, stdout=log, stderr=log)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def jobs(url: str) -> list[tuple[str, str]]:
    """Return (lock, status) of every run job in the queue."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute("SELECT lock, status FROM procrastinate_jobs WHERE task_name = 'recap.continue_run'")
        return [(str(r[0]), str(r[1])) for r in rows]


def test_two_workers_run_every_queued_run_exactly_once(
    pg_url: str, example_bundle: dict, start_worker, tmp_path: Path
) -> None:
    service = RecapService(Settings(database_url=pg_url, as_of=AS_OF, run_in_workers=True))
    for tag in "abcdef":
        service.load_bundle(copy_bundle(example_bundle, tag))
    queued = [service.start_run(f"acc-{tag}", "u-maria") for tag in "abcdef"]
    assert {r.status for r in queued} == {"running"}  # nothing ran in this process
    start_worker("w1")
    start_worker("w2")
    wait_for(
        lambda: all(service.get_run(r.run_id).status == "awaiting_review" for r in queued), "six paused runs", tmp_path
    )
    created = [e for r in queued for e in service.runs.events(r.run_id) if e.event == "recap_created"]
    assert len(created) == 6
    assert sorted(jobs(pg_url)) == sorted((r.run_id, "succeeded") for r in queued)


def test_a_killed_workers_run_is_finished_by_another_from_its_checkpoint(
    pg_url: str, example_bundle: dict, start_worker, tmp_path: Path
) -> None:
    with SleepyServer(delay=1.5) as model:
        env = {"RECAP_LLM": "openai:sleepy", "OPENAI_BASE_URL": model.url, "OPENAI_API_KEY": "k"}
        service = RecapService(Settings(database_url=pg_url, as_of=AS_OF, run_in_workers=True))
        service.load_bundle(example_bundle)
        run = service.start_run("acc-northwind", "u-maria")
        first = start_worker("w1", **env)
        wait_for(lambda: model.calls > 0, "the first worker to start drafting", tmp_path)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert service.get_run(run.run_id).status == "running"
        time.sleep(3.5)  # the dead worker's heartbeat goes stale
        start_worker("w2", **env)
        wait_for(
            lambda: service.get_run(run.run_id).status == "awaiting_review", "the second worker to finish", tmp_path
        )
    events = [e.event for e in service.runs.events(run.run_id)]
    assert events.count("recap_created") == 1
    assert jobs(pg_url) == [(run.run_id, "succeeded")]  # the same job, retried: not a second one
