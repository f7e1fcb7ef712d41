"""The run commands as users call them: separate processes sharing one store file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AS_OF, EXAMPLE, CliResult, run_cli


@pytest.fixture
def db_path(any_db: str) -> str:
    """Every test here runs on both backends: a SQLite file and a PostgreSQL schema."""
    return any_db


RECAP = str(Path(sys.executable).parent / "recap")


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_USER", "u-maria")


def recap(db: str, *args: str) -> CliResult:
    """Run a command in this process (most tests: fast)."""
    return run_cli(*args, "--db", db)


def recap_process(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command as its own process, exactly as a user's shell does."""
    env = {**os.environ, "RECAP_AS_OF": AS_OF, "RECAP_LLM": "offline", "RECAP_USER": "u-maria"}
    return subprocess.run([RECAP, *args, "--db", db], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def paused(db_path: str) -> dict:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    out = recap(db_path, "run", "acc-northwind", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_run_prints_the_run_json_and_pauses(paused: dict) -> None:
    assert paused["status"] == "awaiting_review"
    assert paused["account_id"] == "acc-northwind"
    assert {r["code"] for r in paused["stop_reasons"]} >= {"unresolved_customer_issue"}
    claim = paused["recap"]["sections"]["key_achievements"][0]
    assert {"id", "text", "citations", "flags", "supported", "reasons"} <= set(claim)


def test_run_unknown_account_is_one_clean_error(db_path: str) -> None:
    out = recap_process(db_path, "run", "acc-nope")
    assert out.returncode == 1
    assert out.stderr.strip() == "error: unknown account 'acc-nope'"
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_account_without_records_is_refused(db_path: str, tmp_path: Path) -> None:
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"account": {"id": "acc-bare", "name": "Bare", "owner": "u-x"}}))
    assert recap(db_path, "ingest", str(bare)).returncode == 0
    out = recap(db_path, "run", "acc-bare")
    assert out.returncode == 1 and "at least one associated record" in out.stderr


def test_resume_in_a_fresh_process_edits_then_approves(paused: dict, db_path: str, tmp_path: Path) -> None:
    run_id = paused["run_id"]
    target = paused["recap"]["sections"]["executive_summary"][0]["id"]
    edits = tmp_path / "edits.json"
    bad_edit = {"id": target, "text": "Response time fell 75%.", "citations": ["kpi-nw-1"]}
    edits.write_text(json.dumps({"edit": [bad_edit]}))
    edited = json.loads(recap_process(db_path, "resume", run_id, "--edit", str(edits), "--json").stdout)
    assert edited["status"] == "awaiting_review"
    refused = recap(db_path, "resume", run_id, "--approve")
    assert refused.returncode == 1 and "approval refused" in refused.stderr and target in refused.stderr
    edits.write_text(json.dumps({"remove": [target]}))
    assert recap(db_path, "resume", run_id, "--edit", str(edits)).returncode == 0
    approved = json.loads(recap_process(db_path, "resume", run_id, "--approve", "--json").stdout)
    assert approved["status"] == "approved" and approved["decided_by"] == "u-maria"
    shown = recap(db_path, "show", run_id)
    assert "APPROVED by u-maria" in shown.stdout and "### Key Achievements" in shown.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--approve", "--reject"], "exactly one of"),
        ([], "exactly one of"),
        (["--edit", "missing.json"], "no such file"),
    ],
    ids=["two-decisions", "no-decision", "missing-edits-file"],
)
def test_resume_bad_arguments_are_refused(paused: dict, db_path: str, args: list[str], message: str) -> None:
    out = recap(db_path, "resume", paused["run_id"], *args)
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
    shown = json.loads(recap(db_path, "show", paused["run_id"], "--format", "json").stdout)
    assert shown["status"] == "awaiting_review"


def test_malformed_edits_file_names_the_field(paused: dict, db_path: str, tmp_path: Path) -> None:
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps({"edit": [{"text": "no id"}], "bogus": 1}))
    out = recap(db_path, "resume", paused["run_id"], "--edit", str(edits))
    assert out.returncode == 1 and "edit[0].id" in out.stderr and "bogus" in out.stderr


def test_reject_keeps_comment_and_second_decision_is_refused(paused: dict, db_path: str) -> None:
    out = recap(db_path, "resume", paused["run_id"], "--reject", "--comment", "stale", "--json")
    assert json.loads(out.stdout)["comment"] == "stale"
    again = recap(db_path, "resume", paused["run_id"], "--approve")
    assert again.returncode == 1 and "rejected, not awaiting review" in again.stderr


def test_show_formats(paused: dict, db_path: str) -> None:
    md = recap(db_path, "show", paused["run_id"]).stdout
    assert "DRAFT: awaiting review by the account owner (u-maria)" in md
    assert "`kpi-nw-1` KPI: Median first-response time" in md
    html = recap(db_path, "show", paused["run_id"], "--format", "html").stdout
    assert html.startswith("<!doctype html>") and "<h2>Key Achievements</h2>" in html
    assert json.loads(recap(db_path, "show", paused["run_id"], "--format", "json").stdout)["run_id"] == paused["run_id"]
    bad = recap(db_path, "show", paused["run_id"], "--format", "docx")
    assert bad.returncode == 1 and "md, json, html, pdf, email" in bad.stderr


def test_history_and_replay(paused: dict, db_path: str) -> None:
    steps = json.loads(recap(db_path, "history", paused["run_id"], "--json").stdout)
    assert [s["step"] for s in steps] == sorted(s["step"] for s in steps)
    verify_step = next(s for s in steps if s["node"] == "verify_claims")
    forked = json.loads(
        recap(db_path, "replay", paused["run_id"], "--checkpoint", verify_step["checkpoint_id"], "--json").stdout
    )
    assert forked["status"] == "awaiting_review" and forked["run_id"] != paused["run_id"]
    bad = recap(db_path, "replay", paused["run_id"], "--checkpoint", "nope")
    assert bad.returncode == 1 and "no checkpoint 'nope'" in bad.stderr


def test_trace_names_the_step_that_wrote_a_claim(paused: dict, db_path: str) -> None:
    claim_id = paused["recap"]["sections"]["key_achievements"][0]["id"]
    steps = json.loads(recap(db_path, "trace", paused["run_id"], claim_id, "--json").stdout)
    assert steps[0]["node"] == "join_drafts" and steps[-1]["supported"] is True


def test_verify_claims_file(db_path: str, tmp_path: Path) -> None:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    claims = tmp_path / "claims.json"
    claims.write_text(
        json.dumps(
            [
                {
                    "id": "good",
                    "text": "Median first-response time fell from 12 hours to 5 hours.",
                    "citations": ["kpi-nw-1"],
                },
                {"id": "bad", "text": "Median first-response time fell 75%.", "citations": ["kpi-nw-1"]},
                {"id": "foreign", "text": "Self-service answers 36% of enquiries.", "citations": ["kpi-other"]},
            ]
        )
    )
    out = json.loads(recap(db_path, "verify", "acc-northwind", str(claims), "--json").stdout)
    assert [(r["id"], r["supported"]) for r in out] == [("good", True), ("bad", False), ("foreign", False)]
    assert out[1]["reasons"] and out[2]["reasons"]


def test_a_bad_setting_is_one_clean_error(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_AS_OF", "next tuesday")
    out = recap(db_path, "run", "acc-northwind")
    assert out.returncode == 1
    assert out.stderr.strip() == "error: RECAP_AS_OF: must be an ISO date (YYYY-MM-DD)"
