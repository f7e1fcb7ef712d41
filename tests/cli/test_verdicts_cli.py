"""Verdicts and attestation from the command line: `verify --json`, `resume --edit` with `attest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, CliResult, run_cli

UNCHECKABLE = {"text": "The self-service rollout paid for itself within a quarter.", "citations": ["pb-nw-1"]}


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_USER", "u-maria")


def recap(db: str, *args: str) -> CliResult:
    return run_cli(*args, "--db", db)


def resume_with(db: str, tmp_path: Path, run_id: str, edits: dict) -> CliResult:
    path = tmp_path / "edits.json"
    path.write_text(json.dumps(edits))
    return recap(db, "resume", run_id, "--edit", str(path), "--json")


@pytest.fixture
def paused(db_path: str) -> dict:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    out = recap(db_path, "run", "acc-northwind", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_verify_json_prints_id_verdict_supported_and_reasons(db_path: str, tmp_path: Path) -> None:
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
                {"id": "open", **UNCHECKABLE},
            ]
        )
    )
    out = json.loads(recap(db_path, "verify", "acc-northwind", str(claims), "--json").stdout)
    assert [set(r) for r in out] == [{"id", "verdict", "supported", "reasons"}] * 3
    assert [r["id"] for r in out] == ["good", "bad", "open"]
    assert (out[0]["verdict"], out[0]["supported"]) == ("supported", True)
    assert out[1]["verdict"] in ("contradicted", "unverifiable") and out[1]["supported"] is False
    assert (out[2]["verdict"], out[2]["supported"]) == ("unverifiable", False)


def test_verify_without_json_prints_each_verdict(db_path: str, tmp_path: Path) -> None:
    assert recap(db_path, "ingest", str(EXAMPLE)).returncode == 0
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps([{"id": "open", **UNCHECKABLE}]))
    out = recap(db_path, "verify", "acc-northwind", str(claims))
    assert out.stdout.startswith("open: unverifiable (")


def test_run_json_carries_verdicts_and_attestation_fields(paused: dict) -> None:
    [first, *_] = paused["recap"]["sections"]["executive_summary"]
    assert (first["verdict"], first["supported"], first["attested_by"], first["attested_at"]) == (
        "supported",
        True,
        None,
        None,
    )


def test_attest_in_an_edits_file_then_approve(paused: dict, db_path: str, tmp_path: Path) -> None:
    target = paused["recap"]["sections"]["executive_summary"][0]["id"]
    edited = resume_with(db_path, tmp_path, paused["run_id"], {"edit": [{"id": target, **UNCHECKABLE}]})
    assert edited.returncode == 0, edited.stderr
    refused = recap(db_path, "resume", paused["run_id"], "--approve")
    assert refused.returncode == 1 and f"{target} (unverifiable)" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr

    attested = resume_with(db_path, tmp_path, paused["run_id"], {"attest": [target]})
    assert attested.returncode == 0, attested.stderr
    claim = next(c for c in json.loads(attested.stdout)["recap"]["sections"]["executive_summary"] if c["id"] == target)
    assert (claim["verdict"], claim["attested_by"]) == ("unverifiable", "u-maria")
    approved = recap(db_path, "resume", paused["run_id"], "--approve", "--json")
    assert approved.returncode == 0 and json.loads(approved.stdout)["status"] == "approved"


def test_attesting_a_supported_claim_is_a_one_line_error(paused: dict, db_path: str, tmp_path: Path) -> None:
    target = paused["recap"]["sections"]["executive_summary"][0]["id"]
    out = resume_with(db_path, tmp_path, paused["run_id"], {"attest": [target]})
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.strip() == (f"error: edits.attest[0]: claim '{target}' is supported and needs no attestation")
