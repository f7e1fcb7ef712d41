"""Read-only commands read recap's own tables: the view each write recorded, with no graph imported."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from api.render import render_markdown
from graph.fast_reads import read_bundle, read_run, read_run_page
from graph.listing import run_page
from graph.service import RecapService
from state.inbox import RunPage
from state.run import ClaimEdit, Decision, Edits
from tests.conftest import AS_OF, ROOT, run_cli
from tools.settings import Settings

HEAVY = ("langgraph", "langchain", "langchain_core", "langchain_openai", "sqlite_utils")
PROBE = """
import json, sys
from api.cli import main
sys.argv = ["recap", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(HEAVY)))
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


@pytest.fixture
def service(db_path: str, example_bundle: dict) -> RecapService:
    svc = RecapService(Settings(db=db_path, as_of=AS_OF, llm="offline"))
    svc.load_bundle(example_bundle)
    return svc


def _probe(*args: str) -> tuple[str, dict]:
    """Run `recap ARGS` in a fresh interpreter; return its stdout and what it reported about its imports."""
    code = PROBE.replace("json.loads(HEAVY)", repr(list(HEAVY)))
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "RECAP_AS_OF": AS_OF},
    )
    return out.stdout, json.loads(out.stderr.strip().splitlines()[-1])


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_show_imports_neither_langgraph_nor_langchain(service: RecapService, db_path: str, fmt: str) -> None:
    run = service.start_run("acc-northwind", "u-maria")
    stdout, report = _probe("show", run.run_id, "--db", db_path, "--format", fmt)
    assert report == {"code": 0, "heavy": []}
    assert run.run_id in stdout


def test_show_prints_what_the_service_shows(service: RecapService, db_path: str) -> None:
    run = service.start_run("acc-northwind", "u-maria")
    stdout, _ = _probe("show", run.run_id, "--db", db_path)
    assert stdout == render_markdown(run, service.store.bundle(run.account_id))


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
def test_the_recorded_view_is_the_view_each_write_returned(service: RecapService, db_path: str) -> None:
    paused = service.start_run("acc-northwind", "u-maria")
    assert read_run(db_path, paused.run_id) == paused
    edit = Edits(edit=[ClaimEdit(id="es-1", text="Median first-response time fell 75%.")])
    edited = service.resume(paused.run_id, Decision(decision="edit", edits=edit), "u-maria")
    assert read_run(db_path, paused.run_id) == edited
    rejected = service.resume(paused.run_id, Decision(decision="reject", comment="not now"), "u-maria")
    assert rejected.status == "rejected" and read_run(db_path, paused.run_id) == rejected


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
def test_a_view_older_than_its_run_row_is_not_used(service: RecapService, db_path: str) -> None:
    run = service.start_run("acc-northwind", "u-maria")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE runs SET status = 'running', updated_at = ? WHERE run_id = ?", ["9999", run.run_id])
    conn.close()
    assert read_run(db_path, run.run_id) is None  # in flight again: readers go through the graph


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
def test_show_of_a_run_recorded_before_views_existed_reads_the_graph(service: RecapService, db_path: str) -> None:
    run = service.start_run("acc-northwind", "u-maria")
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM run_views")
    conn.close()
    result = run_cli("show", run.run_id, "--db", db_path, "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["recap"] == run.model_dump(mode="json")["recap"]


def test_show_of_an_unknown_run_is_one_clean_error(service: RecapService, db_path: str) -> None:
    result = run_cli("show", "run-nope", "--db", db_path)
    assert result.returncode == 1 and result.stderr.strip() == "error: unknown run 'run-nope'"


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
def test_records_read_without_sqlite_utils_are_the_store_s(service: RecapService, db_path: str) -> None:
    assert read_bundle(db_path, "acc-northwind") == service.store.bundle("acc-northwind")
    assert read_bundle(db_path, "acc-nobody") is None


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
def test_runs_imports_neither_langgraph_nor_langchain(service: RecapService, db_path: str, as_json: bool) -> None:
    run = service.start_run("acc-northwind", "u-maria")
    stdout, report = _probe("runs", "--db", db_path, *(["--json"] if as_json else []))
    assert report == {"code": 0, "heavy": []}
    assert run.run_id in stdout


def _graph_page(service: RecapService, limit: int, offset: int = 0) -> RunPage:
    """The run list as the service builds it from the checkpoints."""
    return run_page(service.graph(), service.runs.list_runs(None, None, None, limit + 1, offset), limit, offset)


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
def test_the_run_list_from_recorded_views_is_the_one_from_checkpoints(service: RecapService, db_path: str) -> None:
    paused = service.start_run("acc-northwind", "u-maria")
    edit = Edits(edit=[ClaimEdit(id="es-1", text="Median first-response time fell 75%.")])
    service.resume(paused.run_id, Decision(decision="edit", edits=edit), "u-maria")
    rejected = service.start_run("acc-northwind", "u-maria")
    service.resume(rejected.run_id, Decision(decision="reject", comment="not now"), "u-maria")
    in_flight = service.start_run("acc-northwind", "u-maria")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE runs SET status = 'running' WHERE run_id = ?", [in_flight.run_id])
    conn.close()
    pages = [read_run_page(db_path, None, None, None, limit, offset) for limit, offset in ((50, 0), (2, 0), (2, 2))]
    assert pages == [_graph_page(service, 50), _graph_page(service, 2), _graph_page(service, 2, 2)]
    assert pages[0] is not None and [r.status for r in pages[0].runs] == ["running", "rejected", "awaiting_review"]
    assert pages[1] is not None and pages[1].next_offset == 2


@pytest.mark.sqlite_only("fast reads open the SQLite file with plain sqlite3; PostgreSQL reads go through the service")
def test_the_run_list_reads_the_graph_when_a_view_is_missing(service: RecapService, db_path: str) -> None:
    run = service.start_run("acc-northwind", "u-maria")
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM run_views")
    conn.close()
    assert read_run_page(db_path, None, None, None, 50, 0) is None
    result = run_cli("runs", "--db", db_path, "--json")
    assert result.returncode == 0
    assert RunPage.model_validate_json(result.stdout) == _graph_page(service, 50)
    assert RunPage.model_validate_json(result.stdout).runs[0].run_id == run.run_id
