"""The packages type-check cleanly under the project's mypy configuration (pyproject.toml [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cache_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Keep mypy's cache in pytest's own cache (warm runs take seconds), else in tmp_path."""
    cache = getattr(request.config, "cache", None)
    return cache.mkdir("mypy") if cache is not None else tmp_path / "mypy_cache"


@pytest.mark.slow
def test_mypy_reports_no_errors(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    # A separate process: mypy run in-process keeps millions of objects alive until pytest exits.
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(_cache_dir(request, tmp_path))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, f"mypy found errors:\n{out.stdout}{out.stderr}"
    assert out.stdout.startswith("Success: no issues found")
