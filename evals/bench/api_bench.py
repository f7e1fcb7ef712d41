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


def bench_api(workdir: Path, clients: int = 20, per_client: int = 10) -> dict[str, Any]:
    """Return runs/s and latency percentiles for `clients` concurrent clients, each starting `per_client` runs."""
    db = str(workdir / "api.db")
    _recap("ingest", str(EXAMPLE_BUNDLE), "--db", db)
    key = json.loads(_recap("keys", "create", "bench-admin", "--admin", "--json", "--db", db))["key"]
    account_id = json.loads(EXAMPLE_BUNDLE.read_text())["account"]["id"]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (workdir / "serve.log").open("wb")
    proc = subprocess.Popen([str(RECAP), "serve", "--db", db, "--port", str(port)], env=_env(), stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, proc)
        _client_loop(url, key, account_id, 3)  # warm: graph compiled in the server's worker threads
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            futures = [pool.submit(_client_loop, url, key, account_id, per_client) for _ in range(clients)]
            samples = [s for f in futures for s in f.result()]
        wall = time.perf_counter() - started
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    latencies = [t for t, _ in samples]
    ok = sum(status == 201 for _, status in samples)
    return {"clients": clients, "runs": len(samples), "created": ok, "wall_s": wall, "runs_per_s": ok / wall,
            "p50_s": median(latencies), "p95_s": percentile(latencies, 0.95),
            "errors": sorted({s for _, s in samples if s != 201})}
