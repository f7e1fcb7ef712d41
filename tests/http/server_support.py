"""Run `recap serve` as a real process: start it, wait until it answers, kill it with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import AS_OF, free_port

RECAP = Path(sys.executable).with_name("recap")


def recap_env() -> dict[str, str]:
    """Return the environment for recap processes: offline drafter, fixed date, no model provider."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RECAP_", "OPENAI_"))}
    return env | {
        "RECAP_AS_OF": AS_OF,
        "RECAP_LLM": "offline",
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "LANGGRAPH_STRICT_MSGPACK": "true",
    }


def create_key(db: str, user_id: str, admin: bool = False) -> str:
    """Create an API key with `recap keys create --json` and return it."""
    args = [str(RECAP), "keys", "create", user_id, "--db", db, "--json"] + (["--admin"] if admin else [])
    out = subprocess.run(args, env=recap_env(), capture_output=True, text=True, check=True, timeout=60)
    payload = json.loads(out.stdout)
    assert payload["user_id"] == user_id
    return str(payload["key"])


class Server:
    """One `recap serve` process over a SQLite file, on a free port."""

    def __init__(self, db: str, log: Path, env: dict[str, str] | None = None, extra: tuple[str, ...] = ()) -> None:
        self.db, self.log, self.env, self.extra = db, log, env or {}, extra
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> Server:
        """Start the server and wait until /health answers."""
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(RECAP), "serve", "--db", self.db, "--port", str(self.port), *self.extra],
                env=recap_env() | self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise TimeoutError(f"server did not answer within {timeout}s: {self.log.read_text()}")

    def kill(self) -> None:
        """Kill the server with SIGKILL (no clean shutdown) and reap it."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        self.proc = None

    def client(self, key: str | None = None, timeout: float = 120.0) -> httpx.Client:
        """Return an HTTP client for the server, carrying `key` as a bearer token."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def output(self) -> str:
        """Return everything the server wrote so far."""
        return self.log.read_text(errors="replace")
