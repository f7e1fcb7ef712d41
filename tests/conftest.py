"""Shared fixtures: a fresh store per test, the spec's example bundle, a service on the offline drafter."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

os.environ["LANGGRAPH_STRICT_MSGPACK"] = "true"  # before anything imports langgraph

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-bundle.json"
AS_OF = "2026-11-23"


@pytest.fixture(autouse=True)
def _no_model_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests off hosted providers: no key, a base URL nothing listens on, the offline drafter."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RECAP_LLM", "offline")
    monkeypatch.setenv("RECAP_AS_OF", AS_OF)


@pytest.fixture
def example_bundle() -> dict:
    """Return a fresh copy of the spec's example bundle."""
    return json.loads(EXAMPLE.read_text())


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """Return a path for a fresh SQLite store."""
    return str(tmp_path / "recap.db")


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class CliResult:
    """What one in-process `recap` invocation printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run the `recap` entry point in this process (fast), as a user would call it."""
    from api.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with patch.object(sys, "argv", ["recap", *args]), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())
