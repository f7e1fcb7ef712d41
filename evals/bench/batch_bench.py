"""Portfolio batch benchmark: accounts per second at several concurrencies, and LLM wall time against the ideal.

`python -m evals.bench.batch_bench` prints a Markdown table and writes evals/results/batch_bench.json. Each
configuration runs in its own process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")

from evals.config import AS_OF, RESULTS  # noqa: E402

OWNER = "u-bench"


def _service(db: Path, llm: str = "offline", drafter: Any = None, llm_concurrency: int = 8):  # noqa: ANN202
    from graph.service import RecapService
    from tools.settings import Settings

    settings = Settings(db=str(db), as_of=AS_OF.isoformat(), llm=llm, llm_concurrency=llm_concurrency)
    return RecapService(settings, drafter=drafter)


def _load(service: Any, accounts: int, activities: int) -> None:
    from demo.generator import SHAPES, generate_bundle

    for i in range(accounts):
        service.load_bundle(
            generate_bundle(
                i,
                account_id=f"acc-b{i:04d}",
                activities=activities,
                shape=SHAPES[i % len(SHAPES)],
                as_of=AS_OF,
                owner=OWNER,
            )
        )


def one_offline(accounts: int, concurrency: int, activities: int) -> dict[str, Any]:
    """Run one offline batch over freshly generated accounts; return accounts/s and peak memory."""
    from graph.batch import open_batch, view, work
    from state.batch import BatchRequest

    with tempfile.TemporaryDirectory(prefix="recap-batch-") as tmp:
        service = _service(Path(tmp) / "bench.db")
        _load(service, accounts, activities)
        started = time.perf_counter()
        batch_id, _ = open_batch(service, BatchRequest(all=True, concurrency=concurrency), OWNER)
        runs = work(service, batch_id, OWNER, concurrency)
        wall = time.perf_counter() - started
        counts = view(service, batch_id).counts
    return {
        "accounts": accounts,
        "concurrency": concurrency,
        "runs": runs,
        "wall_s": round(wall, 2),
        "accounts_per_s": round(accounts / wall, 2),
        "counts": counts,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def one_llm(accounts: int, concurrency: int, llm_concurrency: int, delay: float) -> dict[str, Any]:
    """Run a batch against a loopback model that sleeps `delay` s per call; compare with the ideal wall time."""
    from evals.bench.llm_server import SleepyServer
    from graph.batch import open_batch, work
    from state.batch import BatchRequest
    from tools.drafting.limits import configure
    from tools.drafting.llm import LlmDrafter

    configure(llm_concurrency, 0)
    with tempfile.TemporaryDirectory(prefix="recap-batch-") as tmp, SleepyServer(delay) as server:
        drafter = LlmDrafter(model="bench", base_url=server.url, api_key="bench", timeout=delay * 20 + 30)
        service = _service(Path(tmp) / "bench.db", "openai:bench", drafter, llm_concurrency)
        _load(service, accounts + 1, 20)
        service.start_run(f"acc-b{accounts:04d}", OWNER)  # warm: imports, clients and the graph out of the timing
        chosen = [f"acc-b{i:04d}" for i in range(accounts)]
        before, started = server.calls, time.perf_counter()
        batch_id, _ = open_batch(service, BatchRequest(account_ids=chosen, concurrency=concurrency), OWNER)
        work(service, batch_id, OWNER, concurrency)
        wall = time.perf_counter() - started
        calls = server.calls - before
    ideal = calls / llm_concurrency * delay
    return {
        "accounts": accounts,
        "concurrency": concurrency,
        "llm_concurrency": llm_concurrency,
        "delay_s": delay,
        "calls": calls,
        "calls_per_run": round(calls / accounts, 1),
        "wall_s": round(wall, 2),
        "ideal_s": round(ideal, 2),
        "ratio": round(wall / ideal, 2),
    }


def _subprocess(args: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "evals.bench.batch_bench", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def markdown(results: dict[str, Any]) -> str:
    """Render the results as the README's table."""
    lines = ["| batch | accounts | concurrency | wall | accounts/s | peak RSS |", "|---|---|---|---|---|---|"]
    for r in results["offline"]:
        lines.append(
            f"| offline drafter | {r['accounts']} | {r['concurrency']} | {r['wall_s']} s | "
            f"{r['accounts_per_s']} | {r['peak_rss_mb']} MB |"
        )
    llm = results.get("llm")
    if llm:
        lines += [
            "",
            f"Loopback model at {llm['delay_s']:g} s per call, {llm['accounts']} accounts, batch concurrency "
            f"{llm['concurrency']}, {llm['llm_concurrency']} model calls in flight: {llm['calls']} calls "
            f"({llm['calls_per_run']} per run) took {llm['wall_s']} s against an ideal of {llm['ideal_s']} s "
            f"(calls / calls in flight x {llm['delay_s']:g} s): **{llm['ratio']}x** the ideal.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run every configuration (each in its own process) and print the table."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench.batch_bench")
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--concurrency", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4])
    parser.add_argument("--llm-accounts", type=int, default=12)
    parser.add_argument("--one", choices=["offline", "llm"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one == "offline":
        print(json.dumps(one_offline(args.accounts, args.concurrency[0], args.activities)))
        return 0
    if args.one == "llm":
        print(json.dumps(one_llm(args.llm_accounts, args.concurrency[0], 8, 1.0)))
        return 0
    results: dict[str, Any] = {
        "offline": [
            _subprocess(
                [
                    "--one",
                    "offline",
                    "--accounts",
                    str(args.accounts),
                    "--activities",
                    str(args.activities),
                    "--concurrency",
                    str(c),
                ]
            )
            for c in args.concurrency
        ]
    }
    results["llm"] = _subprocess(["--one", "llm", "--llm-accounts", str(args.llm_accounts), "--concurrency", "4"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "batch_bench.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "batch_bench.md").write_text(markdown(results))
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
