"""One benchmark account in its own process, so its peak memory is its own.

`python -m evals.bench.worker --activities N --dir DIR` (or `--example`) loads the account, runs recaps
in-process to the review pause and prints one JSON line: ingest rate, data-load and run latency,
tracemalloc peak, checkpoint bytes and prompt tokens per section.
"""

from __future__ import annotations

import os

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")  # before langgraph is imported

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from demo.generator import generate_bundle  # noqa: E402
from evals.bench.measure import checkpoint_bytes, median, self_max_rss  # noqa: E402
from evals.bench.tokens import prompt_tokens  # noqa: E402
from evals.config import AS_OF, EXAMPLE_BUNDLE  # noqa: E402
from evals.runs import service_for  # noqa: E402
from tools.evidence import build_evidence  # noqa: E402
from tools.verify import verify_recap  # noqa: E402

SEED = 20261123
TOKEN_BUDGET = 1500


def bench_bundle(activities: int) -> dict[str, Any]:
    """Return the generated benchmark account with `activities` activities (same seed every time)."""
    return generate_bundle(
        SEED, account_id=f"acc-bench-{activities}", activities=activities, shape="mixed", as_of=AS_OF
    )


def _timed(fn, *args, **kwargs) -> tuple[float, Any]:  # noqa: ANN001
    started = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - started, out


def measure(raw: dict[str, Any], workdir: Path, runs: int) -> dict[str, Any]:
    """Load the account, then time data loads and runs; trace one more run for its Python heap peak."""
    service = service_for(workdir / "bench.db", "offline")
    warm = json.loads(EXAMPLE_BUNDLE.read_text())
    service.load_bundle(warm)
    service.start_run(warm["account"]["id"], actor="bench")  # imports, compilation and caches out of the timings
    account_id, owner = raw["account"]["id"], raw["account"]["owner"]
    ingest_s, loaded = _timed(service.load_bundle, raw)
    records = 1 + sum(loaded.counts.values())
    load_times = [_timed(service.store.bundle, account_id)[0] for _ in range(3)]
    run_times, cpu_times, run_id = [], [], ""
    for _ in range(runs):
        cpu = time.process_time()
        seconds, view = _timed(service.start_run, account_id, actor=owner)
        cpu_times.append(time.process_time() - cpu)
        run_times.append(seconds)
        run_id = view.run_id
    verify_times = (
        [_timed(verify_recap, view.recap, service.store.bundle(account_id), threshold=0.5)[0] for _ in range(runs)]
        if view.recap
        else []
    )
    tracemalloc.start()
    service.start_run(account_id, actor=owner)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    bundle = service.store.bundle(account_id)
    pack = build_evidence(bundle, AS_OF, 0.5)
    return {
        "account_id": account_id,
        "activities": len(raw.get("activities") or []),
        "records": records,
        "ingest_s": ingest_s,
        "ingest_records_per_s": records / ingest_s if ingest_s else None,
        "data_load_s": median(load_times),
        "run_s": median(run_times),
        "runs": runs,
        "run_cpu_s": median(cpu_times),
        "verify_s": median(verify_times),
        "status": view.status,
        "tracemalloc_peak_bytes": peak,
        "checkpoint_bytes": checkpoint_bytes(str(workdir / "bench.db"), run_id),
        "prompt_tokens": prompt_tokens(pack, bundle, TOKEN_BUDGET),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure one account and print the result as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench.worker")
    parser.add_argument("--activities", type=int, default=0)
    parser.add_argument("--example", action="store_true", help="measure docs/example-bundle.json instead")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args(argv)
    raw = json.loads(EXAMPLE_BUNDLE.read_text()) if args.example else bench_bundle(args.activities)
    if args.example:
        raw = json.loads(json.dumps(raw).replace("acc-northwind", "acc-bench-example").replace("-nw-", "-bx-"))
    result = measure(raw, args.dir, args.runs)
    result["max_rss_bytes"] = self_max_rss()
    result["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
