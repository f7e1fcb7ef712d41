"""API throughput: concurrent clients starting runs through a real `recap serve` process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from evals.bench.measure import env_without_llm, median, percentile
from evals.config import AS_OF, EXAMPLE_BUNDLE

RECAP = Path(sys.executable).with_name("recap")


def _env() -> dict[str, str]:
    return env_without_llm() | {"RECAP_AS_OF": AS_OF.isoformat()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _recap(*args: str) -> str:
    out = subprocess.run([str(RECAP), *args], env=_env(), capture_output=True, text=True, check=True, timeout=120)
    return out.stdout


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"recap serve exited with {proc.returncode}")
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise TimeoutError("recap serve did not answer /health in time")


def _client_loop(url: str, key: str, account_id: str, count: int) -> list[tuple[float, int]]:
    out = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=300) as client:
        for _ in range(count):
            started = time.perf_counter()
            status = client.post(f"/accounts/{account_id}/runs").status_code
            out.append((time.perf_counter() - started, status))
    return out


def _read_loop(url: str, key: str, run_id: str, count: int) -> list[tuple[float, int]]:
    out = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=300) as client:
        for _ in range(count):
            started = time.perf_counter()
            status = client.get(f"/runs/{run_id}").status_code
            out.append((time.perf_counter() - started, status))
    return out


def _load(loop, clients: int, args: tuple) -> tuple[list[tuple[float, int]], float]:  # noqa: ANN001
    """Run `loop(*args)` in `clients` threads at once; return every (latency, status) and the wall time."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(loop, *args) for _ in range(clients)]
        samples = [s for f in futures for s in f.result()]
    return samples, time.perf_counter() - started


def _summary(samples: list[tuple[float, int]], wall: float, ok_status: int) -> dict[str, Any]:
    latencies = [t for t, _ in samples]
    ok = sum(status == ok_status for _, status in samples)
    return {
        "count": len(samples),
        "ok": ok,
        "wall_s": wall,
        "per_s": ok / wall,
        "p50_s": median(latencies),
        "p95_s": percentile(latencies, 0.95),
        "errors": sorted({s for _, s in samples if s != ok_status}),
    }


def bench_api(
    workdir: Path, clients: int = 20, per_client: int = 10, workers: int = 1, reads_per_client: int = 50
) -> dict[str, Any]:
    """Return runs/s and reads/s with latency percentiles: `clients` concurrent clients against `recap serve`.

    Each client starts `per_client` runs, then each reads one paused run `reads_per_client` times.
    """
    db = str(workdir / f"api-{workers}.db")
    _recap("ingest", str(EXAMPLE_BUNDLE), "--db", db)
    key = json.loads(_recap("keys", "create", "bench-admin", "--admin", "--json", "--db", db))["key"]
    account_id = json.loads(EXAMPLE_BUNDLE.read_text())["account"]["id"]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (workdir / f"serve-{workers}.log").open("wb")
    proc = subprocess.Popen(
        [str(RECAP), "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
        env=_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_healthy(url, proc)
        _client_loop(url, key, account_id, 3 * workers)  # warm: graphs compiled in the workers' threads
        runs, runs_wall = _load(_client_loop, clients, (url, key, account_id, per_client))
        run_id = httpx.post(
            f"{url}/accounts/{account_id}/runs", headers={"Authorization": f"Bearer {key}"}, timeout=300
        ).json()["run_id"]
        reads, reads_wall = _load(_read_loop, clients, (url, key, run_id, reads_per_client))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the supervisor and its workers
        proc.wait(timeout=30)
        log.close()
    made = _summary(runs, runs_wall, 201)
    read = _summary(reads, reads_wall, 200)
    return {
        "clients": clients,
        "workers": workers,
        "runs": made["count"],
        "created": made["ok"],
        "wall_s": made["wall_s"],
        "runs_per_s": made["per_s"],
        "p50_s": made["p50_s"],
        "p95_s": made["p95_s"],
        "errors": made["errors"],
        "reads": read,
    }
