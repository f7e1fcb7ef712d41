"""The tree is formatted and lint-clean under the project's ruff configuration (pyproject.toml [tool.ruff])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "."], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_format_would_change_nothing() -> None:
    out = _ruff("format", "--check")
    assert out.returncode == 0, f"ruff format would change files:\n{out.stdout}{out.stderr}"


def test_ruff_check_finds_nothing() -> None:
    out = _ruff("check")
    assert out.returncode == 0, f"ruff check found problems:\n{out.stdout}{out.stderr}"
