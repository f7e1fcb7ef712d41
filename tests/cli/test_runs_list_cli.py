"""`recap runs`: the owner's inbox from the command line, newest first, filtered, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, run_cli
from tests.http.support import copy_bundle


@pytest.fixture
def runs(db_path: str, example_bundle: dict, tmp_path: Path) -> list[str]:
    """Load two accounts (two owners) and start a run of each, then one more of the first; oldest first."""
    other = tmp_path / "other.json"
    other.write_text(json.dumps(copy_bundle(example_bundle, "other", owner="u-omar")))
    assert run_cli("ingest", str(EXAMPLE), str(other), "--db", db_path).returncode == 0
    started = []
    for account in ("acc-northwind", "acc-other", "acc-northwind"):
        out = run_cli("run", account, "--json", "--db", db_path)
        assert out.returncode == 0, out.stderr
        started.append(json.loads(out.stdout)["run_id"])
    return started


def listed(db_path: str, *args: str) -> list[str]:
    out = run_cli("runs", "--json", "--db", db_path, *args)
    assert out.returncode == 0, out.stderr
    return [r["run_id"] for r in json.loads(out.stdout)["runs"]]


def test_runs_are_listed_newest_first_and_filtered(db_path: str, runs: list[str]) -> None:
    first, other, last = runs
    assert listed(db_path) == [last, other, first]
    assert listed(db_path, "--account", "acc-other") == [other]
    assert listed(db_path, "--owner", "u-maria") == [last, first]
    assert run_cli("resume", first, "--reject", "--db", db_path).returncode == 0
    assert listed(db_path, "--status", "rejected") == [first]
    assert listed(db_path, "--status", "awaiting_review", "--limit", "1") == [last]


def test_the_table_names_account_status_and_stop_reasons(db_path: str, runs: list[str]) -> None:
    out = run_cli("runs", "--db", db_path, "--account", "acc-northwind")
    assert out.returncode == 0
    assert runs[2] in out.stdout and "Northwind Health" in out.stdout
    assert "awaiting_review" in out.stdout and "unresolved_customer_issue" in out.stdout


def test_an_unknown_status_is_one_clear_line(db_path: str, runs: list[str]) -> None:
    out = run_cli("runs", "--status", "done", "--db", db_path)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "error: --status must be one of running, awaiting_review, approved, rejected, failed, not 'done'"
    ]
    assert out.stdout == ""
