"""PostgreSQL and workers: a batch of generated accounts through 1, 2 and 4 `recap worker` processes.

`python -m evals.bench.pg_bench [--accounts 1000]` starts PostgreSQL from the `pgserver` package (or uses
RECAP_TEST_DATABASE_URL), queues one run per account, starts the workers and reports accounts per minute, the
checkpoint bytes per run, and, against a loopback model that sleeps 1 s per call with 32 calls in flight, accounts
per minute against the ideal. Writes evals/results/pg_bench.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path
from typing import Any

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")

from evals.config import AS_OF, RESULTS  # noqa: E402

RECAP = str(Path(sys.executable).parent / "recap")
OWNER = "u-bench"


def _server() -> tuple[str, Any]:
    given = os.environ.get("RECAP_TEST_DATABASE_URL")
    if given:
        return given, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(tempfile.mkdtemp(prefix="recap-pgbench-"), cleanup_mode="stop")
    return server.get_uri(), server


def _schema(base: str) -> str:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"


def _queued(base: str, accounts: int) -> tuple[Any, str, str, float]:
    """Load generated accounts on a fresh schema, queue one run each; return (service, batch, url, load seconds)."""
    from demo.generator import SHAPES, generate_bundle
    from graph.batch import open_batch, work
    from graph.service import RecapService
    from state.batch import BatchRequest
    from tools.settings import Settings

    url = _schema(base)
    service = RecapService(Settings(database_url=url, as_of=AS_OF.isoformat(), run_in_workers=True))
    started = time.perf_counter()
    for i in range(accounts):
        service.load_bundle(
            generate_bundle(i, account_id=f"acc-p{i:05d}", activities=20, shape=SHAPES[i % 6], as_of=AS_OF, owner=OWNER)
        )
    batch_id, _ = open_batch(service, BatchRequest(all=True, concurrency=4), OWNER)
    work(service, batch_id, OWNER, 4)  # queues every run (the workers run them)
    return service, batch_id, url, time.perf_counter() - started


def _worker(url: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    full = {**os.environ, **env, "RECAP_DATABASE_URL": url, "RECAP_AS_OF": AS_OF.isoformat()}
    concurrency = env.get("RECAP_WORKER_CONCURRENCY", "4")
    return subprocess.Popen(
        [RECAP, "worker", "--concurrency", concurrency], env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _statuses(service: Any) -> dict[str, int]:
    """Return runs by status on the bench schema (one cheap query: the batch view reads every run)."""
    with service.store._db() as db:
        return {str(s): int(n) for s, n in db.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall()}


def _wait_finished(service: Any, limit: float = 7200.0) -> float:
    started = time.perf_counter()
    while _statuses(service).get("running", 0):
        if time.perf_counter() - started > limit:
            raise RuntimeError(f"runs still running after {limit:.0f} s")
        time.sleep(0.5)
    return time.perf_counter() - started


def _checkpoint_bytes(service: Any) -> int:
    with service.store._db() as db:
        size = db.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON "
            "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' AND "
            "c.relname LIKE 'checkpoint%'"
        ).fetchone()[0]
    return int(size or 0)


def _drafts_per_run(service: Any) -> dict[int, int]:
    """Return {number of recap_created events: runs with that many} (1 for every run: nothing drafted twice)."""
    with service.store._db() as db:
        rows = db.execute(
            "SELECT n, count(*) FROM (SELECT r.run_id, (SELECT count(*) FROM events e WHERE e.run_id = r.run_id "
            "AND e.event = 'recap_created') AS n FROM runs r) AS t GROUP BY n"
        ).fetchall()
    return {int(n): int(c) for n, c in rows}


def one(base: str, accounts: int, workers: int, env: dict[str, str]) -> dict[str, Any]:
    """Queue a batch of `accounts` runs on a fresh schema, work it with `workers` processes, time it."""
    from graph.batch import view

    service, batch_id, url, load_s = _queued(base, accounts)
    load_before = os.getloadavg()[0]
    procs = [_worker(url, env) for _ in range(workers)]
    try:
        wall = _wait_finished(service)
    finally:
        _stop(procs)
    return {
        "accounts": accounts,
        "workers": workers,
        "load_s": round(load_s, 1),
        "wall_s": round(wall, 1),
        "counts": view(service, batch_id).counts,
        "drafts_per_run": _drafts_per_run(service),
        "accounts_per_min": round(accounts / wall * 60, 1),
        "checkpoint_kb_per_run": round(_checkpoint_bytes(service) / accounts / 1024, 1),
        "loadavg_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def killed(base: str, accounts: int) -> dict[str, Any]:
    """Two workers; `kill -9` one once a quarter of the runs are done, start a third; check nothing lost or doubled."""
    from graph.batch import view

    service, batch_id, url, _ = _queued(base, accounts)
    env = {"RECAP_WORKER_STALLED_AFTER": "5"}
    procs = [_worker(url, env), _worker(url, env)]
    try:
        while _statuses(service).get("awaiting_review", 0) < accounts // 4:
            time.sleep(0.2)
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait()
        at_kill = _statuses(service)
        time.sleep(6)  # the dead worker's heartbeat goes stale; the newcomer retries its jobs on start
        procs.append(_worker(url, env))
        _wait_finished(service)
    finally:
        _stop(procs)
    counts = view(service, batch_id).counts
    drafts = _drafts_per_run(service)
    return {
        "accounts": accounts,
        "counts_at_kill": at_kill,
        "counts": counts,
        "drafts_per_run": drafts,
        "nothing_lost": counts.get("awaiting_review", 0) == accounts,
        "nothing_twice": set(drafts) == {1},
    }


def markdown(results: dict[str, Any]) -> str:
    """Render the results table (ideal: the one-worker rate times the workers, on `cpus` cores)."""
    lines = [
        f"{results.get('cpus')} CPU cores; 1-minute load average before and after each configuration.",
        "",
        "| workers | accounts | wall | accounts/min | ideal (linear) | checkpoint KB per run | load avg |",
        "|---|---|---|---|---|---|---|",
    ]
    offline = results.get("offline", [])
    base = offline[0]["accounts_per_min"] / offline[0]["workers"] if offline else 0.0
    for r in offline:
        lines.append(
            f"| {r['workers']} | {r['accounts']} | {r['wall_s']} s | {r['accounts_per_min']} | "
            f"{round(base * r['workers'], 1)} | {r['checkpoint_kb_per_run']} | {r['loadavg_1m']} |"
        )
    llm = results.get("llm")
    if llm:
        lines += [
            "",
            f"Loopback model at 1 s per call, {llm['accounts']} accounts, {llm['workers']} workers x "
            f"{llm['per_worker']} runs, {llm['in_flight']} calls in flight allowed ({llm['peak_in_flight']} reached, "
            f"{llm['calls']} calls): {llm['accounts_per_min']} accounts/min against an ideal of "
            f"{llm['ideal_per_min']} ({llm['ratio']}x the ideal wall time; load {llm['loadavg_1m']}).",
        ]
    kill = results.get("kill")
    if kill:
        lines += [
            "",
            f"`kill -9` of one of two workers after {kill['counts_at_kill']} of {kill['accounts']} runs, a third "
            f"started: final {kill['counts']}, recap_created events per run {kill['drafts_per_run']} "
            f"(nothing lost: {kill['nothing_lost']}, nothing run twice: {kill['nothing_twice']}).",
        ]
    return "\n".join(lines) + "\n"


def _save(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pg_bench.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "pg_bench.md").write_text(markdown(results))


def main(argv: list[str] | None = None) -> int:
    """Run the offline configurations, the loopback-model one and the kill; write results after each."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench.pg_bench")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4])
    parser.add_argument("--llm-accounts", type=int, default=32)
    parser.add_argument("--kill-accounts", type=int, default=200)
    args = parser.parse_args(argv)
    base, server = _server()
    results: dict[str, Any] = {"cpus": os.cpu_count(), "offline": []}
    try:
        for w in args.workers:
            results["offline"].append(one(base, args.accounts, w, {}))
            _save(results)
        results["llm"] = _llm(base, args.llm_accounts)
        _save(results)
        results["kill"] = killed(base, args.kill_accounts)
        _save(results)
    finally:
        if server is not None:
            server.cleanup()
    sys.stdout.write(markdown(results))
    return 0


def _llm(base: str, accounts: int) -> dict[str, Any]:
    """32 calls in flight (4 workers x 8 runs x up to 8 parallel parts, bounded by 8 calls per worker)."""
    from evals.bench.llm_server import SleepyServer

    with SleepyServer(1.0) as model:
        env = {
            "RECAP_LLM": "openai:sleepy",
            "OPENAI_BASE_URL": model.url,
            "OPENAI_API_KEY": "k",
            "RECAP_WORKER_CONCURRENCY": "8",
            "RECAP_LLM_CONCURRENCY": "8",
        }
        r = one(base, accounts, 4, env)
        calls, peak = model.calls, model.peak_in_flight
    ideal_wall = calls / 32 * 1.0
    return {
        "accounts": accounts,
        "workers": 4,
        "per_worker": 8,
        "in_flight": 32,
        "calls": calls,
        "peak_in_flight": peak,
        "loadavg_1m": r["loadavg_1m"],
        "wall_s": r["wall_s"],
        "accounts_per_min": r["accounts_per_min"],
        "ideal_per_min": round(accounts / ideal_wall * 60, 1),
        "ratio": round(r["wall_s"] / ideal_wall, 2),
    }


if __name__ == "__main__":
    raise SystemExit(main())
