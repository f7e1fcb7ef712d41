"""The packages type-check cleanly under the project's mypy configuration (pyproject.toml [tool.mypy])."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]


def _cache_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Keep mypy's cache in pytest's own cache (warm runs take seconds), else in tmp_path."""
    cache = getattr(request.config, "cache", None)
    return cache.mkdir("mypy") if cache is not None else tmp_path / "mypy_cache"


@pytest.mark.slow
def test_mypy_reports_no_errors(request: pytest.FixtureRequest, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # mypy reads [tool.mypy] (plugins, packages) from ./pyproject.toml
    stdout, stderr, status = api.run(["--cache-dir", str(_cache_dir(request, tmp_path))])
    assert status == 0, f"mypy found errors:\n{stdout}{stderr}"
    assert stdout.startswith("Success: no issues found")
