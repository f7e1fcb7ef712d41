"""`recap ingest` and `recap demo` as users run them: the installed console script, a store in tmp_path."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api import cli_ingest  # noqa: F401  (registers `ingest` on the app; no other command needed)
from api.cli import app
from demo import DEMO_ACCOUNTS, DEMO_RUN_ACCOUNT
from tests.conftest import AS_OF, EXAMPLE
from tools.store import AccountStore

RECAP = shutil.which("recap", path=str(Path(sys.executable).parent)) or str(Path(sys.executable).parent / "recap")
MB = 1024 * 1024


def recap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script; it must finish well inside the timeout."""
    full_env = {**os.environ, "RECAP_AS_OF": AS_OF, "RECAP_LLM": "offline", **(env or {})}
    return subprocess.run([RECAP, *args], capture_output=True, text=True, env=full_env, timeout=120)


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text())


def small_account(account_id: str, prefix: str) -> dict[str, Any]:
    return {
        "account": {"id": account_id, "name": f"{prefix.title()} Ltd", "owner": f"u-{prefix}"},
        "contacts": [{"id": f"con-{prefix}-1", "name": "Kim Lee"}],
        "activities": [
            {
                "id": f"act-{prefix}-1",
                "date": "2026-11-01",
                "type": "Call",
                "parent_type": "account",
                "parent_id": account_id,
            }
        ],
    }


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# --- good files ------------------------------------------------------------------------------------------


def test_good_files_load_and_print_the_table(tmp_path: Path) -> None:
    db = str(tmp_path / "recap.db")
    listed = write(tmp_path / "two.json", [small_account("acc-kite", "kite"), small_account("acc-wren", "wren")])
    out = recap("ingest", str(EXAMPLE), str(listed), "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert "Loaded accounts" in out.stdout
    assert all(name in out.stdout for name in ("acc-northwind", "u-maria", "acc-kite", "acc-wren"))
    assert {a["id"] for a in AccountStore(db).accounts()} == {"acc-northwind", "acc-kite", "acc-wren"}


# --- one call with every kind of bad input ----------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run one ingest over good and bad files alike, and keep what it did."""
    tmp = tmp_path_factory.mktemp("mixed")
    bad = copy.deepcopy(example())
    bad["objective_kpis"][2]["status"] = "Green"
    bad["objective_kpis"][1]["objective_id"] = "obj-missing"
    bad["activities"][0]["date"] = "last Tuesday"
    huge = tmp / "huge.json"
    with huge.open("wb") as f:  # 200 MB of garbage, written sparsely so it costs nothing
        f.write(b"\x00\xffgarbage")
        f.truncate(200 * MB)
    files = {
        "good": write(tmp / "good.json", small_account("acc-good", "good")),
        "bad": write(tmp / "bad.json", bad),
        "notjson": tmp / "notjson.json",
        "empty": tmp / "empty.json",
        "missing": tmp / "missing.json",
        "huge": huge,
        "list": write(tmp / "list.json", [small_account("acc-listed", "listed"), 5, "text"]),
    }
    files["notjson"].write_text('{"account": {"id": "acc-x",\n  oops}', encoding="utf-8")
    files["empty"].write_text("  \n", encoding="utf-8")
    db = str(tmp / "recap.db")
    out = recap("ingest", *map(str, files.values()), "--db", db, "--json")
    return {"out": out, "files": files, "db": db}


def problems_for(mixed: dict[str, Any], name: str) -> list[str]:
    prefix = f"error: {mixed['files'][name]}"
    return [line for line in error_lines(mixed["out"].stderr) if line.startswith(prefix)]


def test_bad_input_exits_1_without_a_traceback(mixed: dict[str, Any]) -> None:
    out = mixed["out"]
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert all(line.startswith("error: ") for line in error_lines(out.stderr))


def test_bad_bundle_gets_one_line_per_problem_naming_each_path(mixed: dict[str, Any]) -> None:
    bad = mixed["files"]["bad"]
    assert problems_for(mixed, "bad") == [
        f"error: {bad}: objective_kpis[2].status: must be one of On Track, Completed, Off Track, Not Started, Blocked",
        f"error: {bad}: activities[0].date: must be an ISO date (YYYY-MM-DD)",
        f"error: {bad}: objective_kpis[1].objective_id: 'obj-missing' is not an objective of this bundle",
    ]


def test_other_bundles_in_the_same_call_still_load(mixed: dict[str, Any]) -> None:
    assert {a["id"] for a in AccountStore(mixed["db"]).accounts()} == {"acc-good", "acc-listed"}


def test_json_output_is_the_only_thing_on_stdout(mixed: dict[str, Any]) -> None:
    report = json.loads(mixed["out"].stdout)
    assert [(r["account_id"], r["owner"], r["replaced"]) for r in report["loaded"]] == [
        ("acc-good", "u-good", False),
        ("acc-listed", "u-listed", False),
    ]
    assert report["loaded"][0]["counts"]["activities"] == 1
    assert ["error: " + e for e in report["errors"]] == error_lines(mixed["out"].stderr)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("notjson", ": not valid JSON (line 2, column 3)"),
        ("empty", ": the file is empty"),
        ("missing", ": no such file"),
        ("huge", ": the file is 200.0 MB, over the 100 MB limit (set RECAP_MAX_BUNDLE_MB to raise it)"),
    ],
    ids=["not-json", "empty", "missing", "too-large"],
)
def test_unreadable_file_gets_one_clean_line(mixed: dict[str, Any], name: str, fragment: str) -> None:
    assert problems_for(mixed, name) == [f"error: {mixed['files'][name]}{fragment}"]


def test_non_object_items_in_a_list_are_named_by_index(mixed: dict[str, Any]) -> None:
    path = mixed["files"]["list"]
    assert problems_for(mixed, "list") == [
        f"error: {path}[1]: bundle: must be a JSON object",
        f"error: {path}[2]: bundle: must be a JSON object",
    ]


def test_every_problem_is_reported(mixed: dict[str, Any]) -> None:
    assert len(error_lines(mixed["out"].stderr)) == 3 + 4 + 2


# --- the size limit setting -------------------------------------------------------------------------------


def test_recap_max_bundle_mb_sets_the_limit(tmp_path: Path) -> None:
    big = write(tmp_path / "big.json", {**example(), "padding": "x" * (2 * MB)})
    db = str(tmp_path / "recap.db")
    runner = CliRunner()
    refused = runner.invoke(app, ["ingest", str(big), "--db", db], env={"RECAP_MAX_BUNDLE_MB": "1"})
    assert refused.exit_code == 1
    assert "over the 1 MB limit" in refused.output
    loaded = runner.invoke(app, ["ingest", str(big), "--db", db, "--json"], env={"RECAP_MAX_BUNDLE_MB": "3"})
    assert loaded.exit_code == 0, loaded.output
    assert AccountStore(db).owner("acc-northwind") == "u-maria"


# --- recap demo -------------------------------------------------------------------------------------------


def test_demo_loads_every_demo_account_and_runs_one_recap(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    out = recap("demo", "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert [r["account_id"] for r in report["loaded"]] == [a.account_id for a in DEMO_ACCOUNTS]
    assert len(report["loaded"]) >= 6
    assert report["run_account_id"] == DEMO_RUN_ACCOUNT
    if report["run"] is not None:  # once the run commands are installed
        assert report["run"]["account_id"] == DEMO_RUN_ACCOUNT
        assert report["run"]["status"] == "awaiting_review"
    store = AccountStore(db)
    assert len(store.bundle("acc-atlas").activities) == 5000
