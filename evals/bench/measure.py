"""Measuring helpers: medians and percentiles, checkpoint bytes of a thread, a child process's peak memory."""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

MB = 1024 * 1024


def median(values: list[float]) -> float:
    """Return the median (0.0 for no values)."""
    return statistics.median(values) if values else 0.0


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile (`share` in 0..1)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def checkpoint_bytes(db: str, thread_id: str) -> int:
    """Return the bytes a thread's checkpoints and pending writes take (blob sizes, one run's footprint)."""
    with sqlite3.connect(db) as conn:
        saved = conn.execute(
            "SELECT coalesce(sum(length(checkpoint) + length(metadata)), 0) FROM checkpoints WHERE thread_id = ?",
            [thread_id],
        ).fetchone()[0]
        writes = conn.execute(
            "SELECT coalesce(sum(length(value)), 0) FROM writes WHERE thread_id = ?", [thread_id]
        ).fetchone()[0]
    conn.close()
    return int(saved) + int(writes)


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: exit status, wall time, peak resident memory, CPU time and its output."""

    returncode: int
    seconds: float
    max_rss_bytes: int
    cpu_seconds: float
    stdout: str
    stderr: str


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 900.0) -> ChildRun:
    """Run a process to the end; return its wall time and peak RSS as the kernel reports it (wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=err, text=True)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            proc.returncode,
            seconds,
            int(usage.ru_maxrss) * 1024,
            usage.ru_utime + usage.ru_stime,
            out.read(),
            err.read(),
        )


def self_max_rss() -> int:
    """Return this process's peak resident memory in bytes (ru_maxrss is KiB on Linux)."""
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def env_without_llm() -> dict[str, str]:
    """Return the environment for recap child processes: offline drafter, strict checkpoints."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RECAP_", "OPENAI_"))}
    return env | {"RECAP_LLM": "offline", "LANGGRAPH_STRICT_MSGPACK": "true"}
