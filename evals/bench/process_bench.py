"""Whole processes: `recap run` of the example (wall time, peak memory) and the per-size scaling workers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from evals.bench.measure import MB, env_without_llm, median, run_child
from evals.config import AS_OF, EXAMPLE_BUNDLE

RECAP = Path(sys.executable).with_name("recap")


def _env() -> dict[str, str]:
    return env_without_llm() | {"RECAP_AS_OF": AS_OF.isoformat()}


def bench_recap_run(workdir: Path, repeats: int = 3) -> dict[str, Any]:
    """Return the median wall time and peak RSS of `recap run ACCOUNT --json` as a whole process."""
    db = str(workdir / "cli.db")
    subprocess.run(
        [str(RECAP), "ingest", str(EXAMPLE_BUNDLE), "--db", db],
        env=_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    account_id = json.loads(EXAMPLE_BUNDLE.read_text())["account"]["id"]
    children = [run_child([str(RECAP), "run", account_id, "--db", db, "--json"], env=_env()) for _ in range(repeats)]
    failed = [c.stderr.strip()[-300:] for c in children if c.returncode != 0]
    if failed:
        raise RuntimeError(f"recap run failed: {failed[0]}")
    status = json.loads(children[-1].stdout)["status"]
    return {
        "repeats": repeats,
        "wall_s": median([c.seconds for c in children]),
        "max_rss_mb": max(c.max_rss_bytes for c in children) / MB,
        "status": status,
    }


def bench_worker(workdir: Path, activities: int | None, runs: int) -> dict[str, Any]:
    """Measure one account in a fresh worker process; add the kernel's view of its peak memory."""
    where = workdir / (f"size-{activities}" if activities is not None else "example")
    where.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "evals.bench.worker", "--dir", str(where), "--runs", str(runs)]
    args += ["--example"] if activities is None else ["--activities", str(activities)]
    child = run_child(args, env=_env(), timeout=1800)
    if child.returncode != 0:
        raise RuntimeError(f"bench worker failed: {child.stderr.strip()[-500:]}")
    result = json.loads(child.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = child.seconds
    result["max_rss_mb"] = child.max_rss_bytes / MB
    return result


def bench_read_commands(workdir: Path, repeats: int = 5) -> dict[str, Any]:
    """Return the median wall and CPU time of the read-only commands (`show`, `runs`, `history`) as whole processes."""
    db = str(workdir / "read.db")
    subprocess.run(
        [str(RECAP), "ingest", str(EXAMPLE_BUNDLE), "--db", db],
        env=_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    account_id = json.loads(EXAMPLE_BUNDLE.read_text())["account"]["id"]
    started = subprocess.run(
        [str(RECAP), "run", account_id, "--db", db, "--json"],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    run_id = json.loads(started.stdout)["run_id"]
    commands = {"show": ["show", run_id], "runs": ["runs"], "history": ["history", run_id]}
    out: dict[str, Any] = {}
    for name, args in commands.items():
        children = [run_child([str(RECAP), *args, "--db", db], env=_env()) for _ in range(repeats)]
        if any(c.returncode != 0 for c in children):
            text = " ".join(re.sub(r"[\u2500-\u257f]", " ", children[0].stderr).split())
            out[name] = {"error": text[-200:]}  # e.g. a command this version lacks
            continue
        out[name] = {
            "wall_s": median([c.seconds for c in children]),
            "cpu_s": median([c.cpu_seconds for c in children]),
            "repeats": repeats,
        }
    return out
