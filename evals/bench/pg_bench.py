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


def one(base: str, accounts: int, workers: int, env: dict[str, str]) -> dict[str, Any]:
    """Queue a batch of `accounts` runs on a fresh schema, work it with `workers` processes, time it."""
    from demo.generator import SHAPES, generate_bundle
    from graph.batch import open_batch, view, work
    from graph.service import RecapService
    from state.batch import BatchRequest
    from tools.settings import Settings

    url = _schema(base)
    service = RecapService(Settings(database_url=url, as_of=AS_OF.isoformat(), run_in_workers=True))
    for i in range(accounts):
        service.load_bundle(
            generate_bundle(i, account_id=f"acc-p{i:05d}", activities=20, shape=SHAPES[i % 6], as_of=AS_OF, owner=OWNER)
        )
    batch_id, _ = open_batch(service, BatchRequest(all=True, concurrency=4), OWNER)
    work(service, batch_id, OWNER, 4)  # queues every run (the workers run them)
    full = {**os.environ, **env, "RECAP_DATABASE_URL": url, "RECAP_AS_OF": AS_OF.isoformat()}
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [RECAP, "worker", "--concurrency", env.get("RECAP_WORKER_CONCURRENCY", "4")],
            env=full,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while not view(service, batch_id).finished:
            time.sleep(0.5)
        wall = time.perf_counter() - started
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(30)
    with service.store._db() as db:
        size = db.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON "
            "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' AND "
            "c.relname LIKE 'checkpoint%'"
        ).fetchone()[0]
    counts = view(service, batch_id).counts
    return {
        "accounts": accounts,
        "workers": workers,
        "wall_s": round(wall, 1),
        "counts": counts,
        "accounts_per_min": round(accounts / wall * 60, 1),
        "checkpoint_kb_per_run": round(float(size or 0) / accounts / 1024, 1),
    }


def markdown(results: dict[str, Any]) -> str:
    """Render the README's table."""
    lines = ["| workers | accounts | wall | accounts/min | checkpoint KB per run |", "|---|---|---|---|---|"]
    for r in results["offline"]:
        lines.append(
            f"| {r['workers']} | {r['accounts']} | {r['wall_s']} s | {r['accounts_per_min']} | "
            f"{r['checkpoint_kb_per_run']} |"
        )
    llm = results.get("llm")
    if llm:
        lines += [
            "",
            f"Loopback model at 1 s per call, {llm['accounts']} accounts, {llm['workers']} workers x "
            f"{llm['per_worker']} runs, {llm['in_flight']} calls in flight: {llm['accounts_per_min']} "
            f"accounts/min against an ideal of {llm['ideal_per_min']} ({llm['ratio']}x).",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the offline configurations and the loopback-model one; print and write the results."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench.pg_bench")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4])
    parser.add_argument("--llm-accounts", type=int, default=32)
    args = parser.parse_args(argv)
    base, server = _server()
    try:
        results: dict[str, Any] = {"offline": [one(base, args.accounts, w, {}) for w in args.workers]}
        results["llm"] = _llm(base, args.llm_accounts)
    finally:
        if server is not None:
            server.cleanup()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pg_bench.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "pg_bench.md").write_text(markdown(results))
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
        calls = model.calls
    ideal_wall = calls / 32 * 1.0
    return {
        "accounts": accounts,
        "workers": 4,
        "per_worker": 8,
        "in_flight": 32,
        "calls": calls,
        "wall_s": r["wall_s"],
        "accounts_per_min": r["accounts_per_min"],
        "ideal_per_min": round(accounts / ideal_wall * 60, 1),
        "ratio": round(r["wall_s"] / ideal_wall, 2),
    }


if __name__ == "__main__":
    raise SystemExit(main())
