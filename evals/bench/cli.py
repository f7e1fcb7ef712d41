"""`python -m evals.bench`: every benchmark in one run, side by side, checked against the targets."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console

from evals.bench import report
from evals.bench.api_bench import bench_api
from evals.bench.csv_bench import bench_csv
from evals.bench.floor import bench_floor
from evals.bench.llm_bench import bench_llm
from evals.bench.process_bench import bench_read_commands, bench_recap_run, bench_worker
from evals.cli import git_commit
from evals.config import RESULTS

Rec = dict[str, Any]
SIZES = (10, 100, 1_000, 10_000)


def _target(target: str, measured: str, met: bool | None) -> Rec:
    return {"target": target, "measured": measured, "met": met}


def targets(r: Rec) -> list[Rec]:
    """Compare the results with the targets the project set itself, honestly either way."""
    floor, example = r["floor"], r["example"]
    budget = 2 * floor["median_s"] + example["data_load_s"]
    out = [
        _target(
            "in-process run ≤ 2× the floor plus data load",
            f"{example['run_s'] * 1000:.0f} ms vs {budget * 1000:.0f} ms",
            example["run_s"] <= budget,
        )
    ]
    big = next((s for s in r["scaling"] if s["activities"] == 10_000), None)
    if big:
        out.append(
            _target(
                "10,000 activities ≤ 3× the example's run time",
                f"{big['run_s'] * 1000:.0f} ms vs {3 * example['run_s'] * 1000:.0f} ms",
                big["run_s"] <= 3 * example["run_s"],
            )
        )
        out.append(
            _target("10,000 activities ≤ 300 MB peak", f"{big['max_rss_mb']:.0f} MB RSS", big["max_rss_mb"] <= 300)
        )
    if r.get("llm"):
        out.append(_target("LLM wall ≤ 1.3× one call", f"{r['llm']['ratio']:.2f}×", r["llm"]["ratio"] <= 1.3))
    if r.get("api"):
        api = r["api"]
        out.append(
            _target(
                f"≥ 50 runs/s through the API ({api['clients']} clients, {api['workers']} worker(s))",
                f"{api['runs_per_s']:.1f} runs/s",
                api["runs_per_s"] >= 50,
            )
        )
        out.append(_target("API p95 of a run < 500 ms", f"{api['p95_s'] * 1000:,.0f} ms", api["p95_s"] < 0.5))
        out.append(
            _target(
                "≥ 500 reads of a run per second", f"{api['reads']['per_s']:.0f} reads/s", api["reads"]["per_s"] >= 500
            )
        )
    for name, cmd in (r.get("read_commands") or {}).items():
        if name in ("show", "runs") and "wall_s" in cmd:
            out.append(
                _target(
                    f"`recap {name}` < 0.6 s wall",
                    f"{cmd['wall_s'] * 1000:,.0f} ms ({cmd['cpu_s'] * 1000:,.0f} ms CPU)",
                    cmd["wall_s"] < 0.6,
                )
            )
    if r.get("csv_import"):
        c = r["csv_import"]
        out.append(
            _target(
                f"{c['activities']:,}-activity CSV import ≤ 2× the JSON ingest",
                f"{c['ratio']:.2f}× ({c['csv_import_s'] * 1000:.0f} ms vs {c['json_ingest_s'] * 1000:.0f} ms)",
                c["ratio"] <= 2,
            )
        )
    worst = max([example["checkpoint_bytes"], *(s["checkpoint_bytes"] for s in r["scaling"])])
    out.append(
        _target(
            "≤ 100 KB of checkpoints per run",
            f"{example['checkpoint_bytes'] / 1024:.0f} KB (example), {worst / 1024:.0f} KB (largest)",
            worst <= 100 * 1024,
        )
    )
    return out


def run_all(args: argparse.Namespace, workdir: Path, console: Console) -> Rec:
    """Run the benchmarks in order and return the result document."""
    results: Rec = {
        "metadata": {
            "git_commit": git_commit(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg()[0],
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
    }
    console.print("floor: bare graph with the SQLite checkpointer")
    results["floor"] = bench_floor(workdir)
    console.print("example: in-process recap run")
    results["example"] = bench_worker(workdir, None, runs=args.runs)
    console.print("example: `recap run` as a whole process")
    results["recap_run_process"] = bench_recap_run(workdir)
    console.print("read-only commands as whole processes")
    results["read_commands"] = bench_read_commands(workdir)
    results["scaling"] = []
    for size in args.sizes:
        console.print(f"scaling: {size:,} activities")
        results["scaling"].append(bench_worker(workdir, size, runs=args.runs if size < 10_000 else 2))
    if not args.skip_llm:
        console.print("LLM parallelism against a sleeping loopback server")
        results["llm"] = bench_llm(workdir, delay=args.llm_delay)
    if not args.skip_api:
        console.print(
            f"API throughput: {args.clients} concurrent clients against `recap serve --workers {args.workers}`"
        )
        results["api"] = bench_api(workdir, clients=args.clients, per_client=args.per_client, workers=args.workers)
    if not args.skip_csv:
        console.print("CSV import against JSON ingest: 10,000 activities")
        results["csv_import"] = bench_csv(workdir)
    results["targets"] = targets(results)
    return results


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m evals.bench", description="Run recap's benchmarks.")
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",")],
        default=list(SIZES),
        help="activity counts for the scaling runs (default 10,100,1000,10000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per account (median reported)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="server processes for the API benchmark")
    parser.add_argument("--llm-delay", type=float, default=1.0, help="seconds the loopback model sleeps per call")
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-llm", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--no-chart", action="store_true", help="skip bench.png (needs the `bench` extra)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write bench.json, bench.md and bench.png."""
    args = parse(argv)
    console = Console()
    with tempfile.TemporaryDirectory(prefix="recap-bench-") as tmp:
        results = run_all(args, Path(tmp), console)
    for path in report.write(results, args.out, with_chart=not args.no_chart):
        console.print(f"wrote {path}")
    sys.stdout.write(report.markdown(results))
    return 0
