"""`recap batch` and `recap show --diff` as users call them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLE, CliResult, run_cli


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_USER", "u-maria")


def recap(db: str, *args: str) -> CliResult:
    return run_cli(*args, "--db", db)


def test_batch_then_the_same_batch_again_starts_nothing(db_path: str) -> None:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    first = recap(db_path, "batch", "--all", "--json")
    assert first.returncode == 0, first.stderr
    batch = json.loads(first.stdout)
    assert batch["started_now"] == 1 and batch["counts"] == {"awaiting_review": 1}
    again = recap(db_path, "batch", "--all")
    assert again.returncode == 0 and "nothing new started" in again.stdout


def test_batch_needs_a_selection_and_names_unknown_accounts(db_path: str) -> None:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    none = recap(db_path, "batch")
    assert none.returncode == 1 and "say which accounts" in none.stderr
    unknown = recap(db_path, "batch", "--account", "acc-nope")
    assert unknown.returncode == 1 and "acc-nope" in unknown.stderr


def test_show_diff_without_an_earlier_approval_says_so(db_path: str) -> None:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    run = json.loads(recap(db_path, "run", "acc-northwind", "--json").stdout)
    out = recap(db_path, "show", run["run_id"], "--diff")
    assert out.returncode == 0 and "no earlier approved recap" in out.stdout
