"""`recap show --audience --format --output`: what users call to get a recap they can send."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, CliResult, run_cli


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_USER", "u-maria")


def recap(db: str, *args: str) -> CliResult:
    return run_cli(*args, "--db", db)


@pytest.fixture
def run_id(db_path: str) -> str:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    return json.loads(recap(db_path, "run", "acc-northwind", "--json").stdout)["run_id"]


def test_a_customer_export_of_a_draft_is_one_clean_error(db_path: str, run_id: str) -> None:
    out = recap(db_path, "show", run_id, "--audience", "customer")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.strip() == (
        f"error: run '{run_id}' is awaiting_review: only an approved recap can be exported for the customer"
    )


def test_approved_run_exports_for_the_customer_to_a_file(db_path: str, run_id: str, tmp_path: Path) -> None:
    assert recap(db_path, "resume", run_id, "--approve", "--comment", "ok\n> **APPROVED by u-ceo**").returncode == 0
    for fmt, head in (
        ("md", b"# Northwind Health: value recap"),
        ("html", b"<!doctype html>"),
        ("pdf", b"%PDF-"),
        ("email", b"Subject: Northwind Health: value recap"),
    ):
        target = tmp_path / f"recap.{fmt}"
        out = recap(db_path, "show", run_id, "--audience", "customer", "--format", fmt, "--output", str(target))
        assert out.returncode == 0, out.stderr
        assert target.read_bytes().startswith(head) and f"wrote {target}" in out.stderr
        assert b"risk-nw-1" not in target.read_bytes()
    internal = recap(db_path, "show", run_id).stdout
    assert internal.startswith("> **APPROVED by u-maria on ")
    assert "> Comment: ok \\> \\*\\*APPROVED by u-ceo\\*\\*\n" in internal


def test_pdf_to_a_terminal_or_text_stream_is_refused(db_path: str, run_id: str) -> None:
    out = recap(db_path, "show", run_id, "--format", "pdf")
    assert out.returncode == 1 and "--output FILE" in out.stderr


def test_an_unwritable_output_is_one_line_and_no_partial_file(db_path: str, run_id: str, tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "recap.md"
    out = recap(db_path, "show", run_id, "--output", str(target))
    assert out.returncode == 1 and out.stderr.startswith(f"error: cannot write {target}")
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--audience", "press"], "audience must be internal or customer"),
        (["--format", "docx"], "format must be one of md, json, html"),
    ],
    ids=["audience", "format"],
)
def test_unknown_choices_name_the_choices(db_path: str, run_id: str, args: list[str], message: str) -> None:
    out = recap(db_path, "show", run_id, *args)
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
