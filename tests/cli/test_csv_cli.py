"""`recap ingest --from csv`, `recap schema` and `recap template --csv` as users run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema_rs
import pytest

from demo import DEMO_ACCOUNTS, demo_bundles
from tests.conftest import ROOT, run_cli
from tools.store import AccountStore

DEMO_CSV = ROOT / "demo" / "csv"
MAPPING = DEMO_CSV / "salesforce-mapping.toml"
HAND_WRITTEN = [a.account_id for a in DEMO_ACCOUNTS if a.file]


def ingest_demo(db: str, *extra: str):  # noqa: ANN201
    return run_cli("ingest", "--from", "csv", str(DEMO_CSV), "--mapping", str(MAPPING), "--db", db, *extra)


def test_the_demo_crm_export_imports_with_its_mapping(db_path: str) -> None:
    out = ingest_demo(db_path)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert "Loaded accounts" in out.stdout and all(a in out.stdout for a in HAND_WRITTEN)
    assert 'ignored column "Last Modified Date" (the mapping says so) in: Account Report.csv' in out.stdout
    assert [a["id"] for a in AccountStore(db_path).accounts()] == sorted(HAND_WRITTEN)


def test_json_output_is_the_import_report(db_path: str) -> None:
    out = ingest_demo(db_path, "--json")
    report = json.loads(out.stdout)
    assert out.returncode == 0
    assert [r["account_id"] for r in report["loaded"]] == HAND_WRITTEN
    assert report["refused"] == [] and report["errors"] == [] and len(report["ignored_columns"]) == 12


def test_a_refused_account_is_named_and_each_problem_has_file_line_and_column(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for path in DEMO_CSV.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    kpis = folder / "Objective KPIs.csv"
    lines = kpis.read_text().splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("kpi-cr-"))
    lines[line - 1] = lines[line - 1].replace(",Red,", ",Purple,", 1)
    kpis.write_text("".join(lines))
    out = run_cli("ingest", "--from", "csv", str(folder), "--mapping", str(MAPPING), "--db", db_path, "--json")
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "error: account 'acc-crestline' refused, nothing of it stored (1 problem(s)):",
        f"error: Objective KPIs.csv:{line} \"Health\" (status): 'Purple' must be one of On Track, Completed, "
        "Off Track, Not Started, Blocked",
    ]
    report = json.loads(out.stdout)
    assert [r["account_id"] for r in report["refused"]] == ["acc-crestline"]
    assert "acc-crestline" not in {a["id"] for a in AccountStore(db_path).accounts()}
    assert len(report["loaded"]) == len(HAND_WRITTEN) - 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "xml"], "error: --from: 'xml' is not a known format (json or csv)"),
        (["--mapping", "m.toml"], "error: --mapping: only with --from csv"),
        (["--from", "csv", "--mapping", "nowhere.toml"], "error: nowhere.toml: no such mapping file"),
    ],
    ids=["unknown-format", "mapping-without-csv", "missing-mapping"],
)
def test_option_mistakes_are_one_line_errors(db_path: str, args: list[str], message: str) -> None:
    out = run_cli("ingest", str(DEMO_CSV), "--db", db_path, *args)
    assert (out.returncode, out.stderr.strip()) == (1, message)


def test_a_file_shape_problem_stores_nothing(db_path: str) -> None:
    out = run_cli("ingest", "--from", "csv", str(DEMO_CSV), "--db", db_path)  # CRM names, no mapping
    assert out.returncode == 1
    assert out.stderr.strip().startswith("error: Account Report.csv: not a record type's file")
    assert AccountStore(db_path).accounts() == []
    as_json = run_cli("ingest", "--from", "csv", str(DEMO_CSV), "--db", db_path, "--json")
    assert as_json.returncode == 1 and as_json.stderr == out.stderr
    assert json.loads(as_json.stdout) == {
        "loaded": [],
        "refused": [],
        "errors": [out.stderr.strip()[7:]],
        "ignored_columns": [],
    }


def test_schema_is_json_schema_that_accepts_the_demo_bundles_and_refuses_a_bad_one() -> None:
    out = run_cli("schema")
    assert out.returncode == 0
    validator = jsonschema_rs.validator_for(json.loads(out.stdout))
    bundles = demo_bundles()
    assert validator.is_valid(bundles) and all(validator.is_valid(b) for b in bundles)
    bad = bundles[0] | {"objective_kpis": [dict(bundles[0]["objective_kpis"][0], status="Green")]}
    assert not validator.is_valid(bad)
    assert validator.is_valid(bundles[0] | {"activities": [dict(bundles[0]["activities"][0], disputed=None)]})


def test_template_writes_importable_csvs_and_will_not_overwrite(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    out = run_cli("template", "--csv", str(folder))
    assert out.returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{k}.csv"
        for k in [
            "accounts",
            "contacts",
            "success_plans",
            "business_challenges",
            "objectives",
            "objective_kpis",
            "playbooks",
            "playbook_tasks",
            "activities",
            "feedback",
            "usage",
            "risks",
        ]
    )
    assert all(len(p.read_text().splitlines()) == 2 for p in folder.iterdir())
    assert run_cli("ingest", "--from", "csv", str(folder), "--db", db_path).returncode == 0
    again = run_cli("template", "--csv", str(folder))
    assert again.returncode == 1 and "already exists (use --force to overwrite)" in again.stderr
    assert run_cli("template", "--csv", str(folder), "--force").returncode == 0


def test_template_needs_a_folder() -> None:
    out = run_cli("template")
    assert (out.returncode, out.stderr.strip()) == (
        1,
        "error: give the folder to write the CSV templates into: recap template --csv DIR",
    )


def test_the_shipped_demo_export_is_what_the_script_writes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo_csv.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shipped = {p.name: p.read_bytes() for p in DEMO_CSV.glob("*.csv")}
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.csv")} == shipped
