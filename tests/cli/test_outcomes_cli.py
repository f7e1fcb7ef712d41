"""`recap log` and `recap report` as users call them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import EXAMPLE, CliResult, run_cli


@pytest.fixture
def db_path(any_db: str) -> str:
    """Every test here runs on both backends: a SQLite file and a PostgreSQL schema."""
    return any_db


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_USER", "u-maria")


def recap(db: str, *args: str) -> CliResult:
    return run_cli(*args, "--db", db)


@pytest.fixture
def approved(db_path: str) -> str:
    """Return the id of an approved run of the example account."""
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    run = json.loads(recap(db_path, "run", "acc-northwind", "--json").stdout)
    done = recap(db_path, "resume", run["run_id"], "--approve", "--json")
    assert done.returncode == 0, done.stderr
    return run["run_id"]


def test_log_then_log_again_with_the_same_key_changes_nothing(db_path: str, approved: str) -> None:
    first = recap(db_path, "log", approved, "customer_decision", "--kind", "renewed", "--key", "k1", "--json")
    again = recap(db_path, "log", approved, "customer_decision", "--kind", "renewed", "--key", "k1")
    assert first.returncode == 0 and json.loads(first.stdout)["decision"] == "renewed"
    assert again.returncode == 0 and "nothing changed" in again.stdout
    report = json.loads(recap(db_path, "report", "--format", "json").stdout)
    assert report["overall"]["customer_decisions"]["renewed"] == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["customer_question", "--text", "Why?", "--contact", "con-zz"], "con-zz"),
        (["customer_chat"], "event"),
        (["customer_decision", "--kind", "upsold"], "decision"),
        (["recap_shared", "--audience", "customer"], "needs channel"),
    ],
    ids=["unknown-contact", "unknown-kind", "unknown-decision", "missing-channel"],
)
def test_bad_outcomes_get_one_line_naming_the_problem(
    db_path: str, approved: str, args: list[str], needle: str
) -> None:
    out = recap(db_path, "log", approved, *args)
    assert out.returncode != 0 and needle in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_log_on_a_paused_run_is_refused(db_path: str) -> None:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    run = json.loads(recap(db_path, "run", "acc-northwind", "--json").stdout)
    out = recap(db_path, "log", run["run_id"], "renewal_supported")
    assert out.returncode == 1 and "approved recaps only" in out.stderr


def test_report_lists_the_case_study_candidate_and_exports_csv(db_path: str, approved: str) -> None:
    recap(db_path, "log", approved, "expansion_action", "--text", "40 more seats", "--amount", "18000")
    report = json.loads(recap(db_path, "report", "--format", "json").stdout)
    candidates = report["case_study_candidates"]
    # The example account quotes its Executive Sponsor with permission (fb-nw-1) and proves outcomes.
    assert [c["account_id"] for c in candidates] == ["acc-northwind"] and candidates[0]["quotable_feedback"] == [
        "fb-nw-1"
    ]
    rows = list(csv.DictReader(io.StringIO(recap(db_path, "report", "--format", "csv").stdout)))
    assert rows[0]["owner"] == "(all)" and rows[0]["expansion_amount"] == "18000.0"
    assert rows[0]["recaps_approved"] == "1" and rows[1]["owner"] == "u-maria"
    table = recap(db_path, "report", "--owner", "u-maria")
    assert table.returncode == 0 and "case-study candidate: acc-northwind" in table.stdout


def test_report_refuses_a_date_it_cannot_read(db_path: str) -> None:
    out = recap(db_path, "report", "--since", "03/04/2026")
    assert out.returncode == 1 and "--since" in out.stderr
