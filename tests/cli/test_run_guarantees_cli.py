"""The CLI side of the run guarantees (issue 11): one line per failure, never a traceback."""

from __future__ import annotations

import json
import sqlite3

import pytest
from langgraph.checkpoint.sqlite import SqliteSaver

from tests.conftest import EXAMPLE, CliResult, run_cli


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_USER", "u-maria")


def recap(db: str, *args: str) -> CliResult:
    return run_cli(*args, "--db", db)


@pytest.fixture
def paused(db_path: str) -> dict:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    out = recap(db_path, "run", "acc-northwind", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def one_line_error(out: CliResult) -> str:
    assert out.returncode != 0 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    return lines[0]


def test_show_and_resume_say_what_a_reload_changed(db_path: str, paused: dict, tmp_path) -> None:  # noqa: ANN001
    bundle = json.loads(EXAMPLE.read_text())
    bundle["objective_kpis"][0]["current"] = 9
    (tmp_path / "reloaded.json").write_text(json.dumps(bundle))
    assert recap(db_path, "ingest", str(tmp_path / "reloaded.json")).returncode == 0

    shown = recap(db_path, "show", paused["run_id"])
    assert shown.returncode == 0 and "OUTDATED" in shown.stderr and "ka-2" in shown.stderr
    assert "OUTDATED" in shown.stdout and "ka-2" not in shown.stdout.split("###")[0]  # marked, not explained
    as_json = json.loads(recap(db_path, "show", paused["run_id"], "--format", "json").stdout)
    assert as_json["outdated"] is True and as_json["freshness"]["drafted_from"] == 1

    line = one_line_error(recap(db_path, "resume", paused["run_id"], "--approve"))
    assert "was reloaded" in line and "ka-2" in line


@pytest.mark.sqlite_only("corrupts a checkpoint through sqlite3")
def test_a_corrupt_run_is_one_line(db_path: str, paused: dict) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE checkpoints SET checkpoint = x'00ff13' WHERE thread_id = ?", (paused["run_id"],))
    conn.close()
    # `show` may still print the view the last write recorded; reading the checkpoints names the corrupt run.
    line = one_line_error(recap(db_path, "history", paused["run_id"]))
    assert paused["run_id"] in line and "corrupt" in line


@pytest.mark.sqlite_only("a read-only store is a read-only SQLite file")
def test_a_read_only_store_shows_runs_and_refuses_decisions_in_one_line(db_path: str, paused: dict) -> None:
    ro = f"file:{db_path}?mode=ro"
    shown = recap(ro, "show", paused["run_id"], "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["recap"] == paused["recap"]
    assert recap(ro, "history", paused["run_id"], "--json").returncode == 0
    assert "read-only" in one_line_error(recap(ro, "resume", paused["run_id"], "--approve"))
    assert "read-only" in one_line_error(recap(ro, "ingest", str(EXAMPLE)))


@pytest.mark.sqlite_only("injects SQLite's disk-full error")
def test_a_full_disk_is_one_line_and_the_run_stays_paused(
    db_path: str, paused: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(SqliteSaver, "put", fail)
        line = one_line_error(recap(db_path, "resume", paused["run_id"], "--approve"))
    assert "out of space" in line and "database or disk" not in line
    after = json.loads(recap(db_path, "show", paused["run_id"], "--format", "json").stdout)
    assert after["status"] == "awaiting_review" and after["failure"] is None


def test_trace_says_not_verified_yet_before_verification(db_path: str, paused: dict) -> None:
    claim = paused["recap"]["sections"]["executive_summary"][0]["id"]
    out = recap(db_path, "trace", paused["run_id"], claim)
    first, last = out.stdout.strip().splitlines()[0], out.stdout.strip().splitlines()[-1]
    assert "join_drafts" in first and first.endswith("-> not verified yet")
    assert last.endswith("-> supported") and "UNSUPPORTED" not in out.stdout
