"""Storage faults stay contained (issue 11): corrupt run state, read-only stores, full disks, one-snapshot reads."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from langgraph.checkpoint.sqlite import SqliteSaver

from graph.service import RecapService
from graph.timeline import history, trace
from state.errors import RunStateUnreadable, StorageFull, StorageReadOnly, StorageUnavailable
from state.records import RunEvent
from state.run import Decision
from tests.conftest import AS_OF, checkpoint_failure
from tools.db import thread_connection
from tools.settings import Settings
from tools.store import AccountStore

ACCOUNT, OWNER = "acc-northwind", "u-maria"


@pytest.fixture
def service(db_path: str, example_bundle: dict) -> RecapService:
    svc = RecapService(Settings(db=db_path, as_of=AS_OF))
    svc.load_bundle(example_bundle)
    return svc


def sql(db: str, statement: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def corrupt_latest_checkpoint(db: str, run_id: str) -> None:
    sql(
        db,
        "UPDATE checkpoints SET checkpoint = x'00ff13' WHERE thread_id = ? AND checkpoint_id = "
        "(SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = ?)",
        (run_id, run_id),
    )


# --- 5. corrupt state stays inside its run ---------------------------------------------------------
@pytest.mark.sqlite_only("corrupts a checkpoint through sqlite3")
def test_recovery_reports_a_corrupt_run_and_goes_on(service: RecapService, db_path: str) -> None:
    broken, stuck, fine = (service.start_run(ACCOUNT, OWNER) for _ in range(3))
    sql(
        db_path,
        "UPDATE runs SET status = 'running' WHERE run_id IN (?, ?, ?)",
        (broken.run_id, stuck.run_id, fine.run_id),
    )
    corrupt_latest_checkpoint(db_path, broken.run_id)

    report = service.recover()

    assert report.unreadable == [broken.run_id]
    assert set(report.recovered) == {stuck.run_id, fine.run_id}
    assert service.get_run(fine.run_id).status == "awaiting_review"
    with pytest.raises(RunStateUnreadable, match=broken.run_id):
        history(service, broken.run_id)  # reading its checkpoints names it (get_run may serve its recorded view)


@pytest.mark.sqlite_only("corrupts a checkpoint through sqlite3")
def test_a_decision_on_a_corrupt_run_is_refused_cleanly(service: RecapService, db_path: str) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    corrupt_latest_checkpoint(db_path, run.run_id)
    with pytest.raises(RunStateUnreadable, match=run.run_id):
        service.resume(run.run_id, Decision(decision="approve"), OWNER)
    assert sql(db_path, "SELECT status FROM runs WHERE run_id = ?", (run.run_id,)) == [("awaiting_review",)]


# --- 7. reads never write; a read-only store serves reads and refuses writes ---------------------------
@pytest.mark.sqlite_only("counts writes with sqlite3's total_changes")
def test_reading_a_run_writes_nothing(service: RecapService, db_path: str) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    service.resume(run.run_id, Decision(decision="reject"), OWNER)
    sql(db_path, "DELETE FROM events")  # a read that logged events would put them back
    sql(db_path, "UPDATE runs SET status = 'running' WHERE run_id = ?", (run.run_id,))
    conn = thread_connection(db_path)
    before = conn.total_changes

    assert service.get_run(run.run_id).status == "running"  # shown as stored; recovery is a write path
    history(service, run.run_id)
    trace(service, run.run_id, run.recap.sections["executive_summary"][0].id)

    assert conn.total_changes == before
    assert sql(db_path, "SELECT count(*) FROM events") == [(0,)]


@pytest.mark.sqlite_only("a read-only store is a read-only SQLite file")
def test_a_read_only_store_serves_reads_and_refuses_writes(service: RecapService, db_path: str) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    ro = RecapService(Settings(db=f"file:{db_path}?mode=ro", as_of=AS_OF))

    assert ro.get_run(run.run_id).recap == run.recap
    assert history(ro, run.run_id)
    with pytest.raises(StorageReadOnly, match="read-only"):
        ro.resume(run.run_id, Decision(decision="approve"), OWNER)
    with pytest.raises(StorageReadOnly):
        ro.start_run(ACCOUNT, OWNER)
    assert service.get_run(run.run_id).status == "awaiting_review"


@pytest.mark.sqlite_only("a read-only store is a read-only SQLite file")
def test_recovery_on_a_read_only_store_defers_and_goes_on(service: RecapService, db_path: str) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    sql(db_path, "UPDATE runs SET status = 'running' WHERE run_id = ?", (run.run_id,))
    ro = RecapService(Settings(db=f"file:{db_path}?mode=ro", as_of=AS_OF))
    report = ro.recover()
    assert report.deferred == [run.run_id] and report.recovered == []
    assert service.recover().recovered == [run.run_id]  # writable again: recovered
    assert service.get_run(run.run_id).status == "awaiting_review"


def test_a_read_only_store_that_never_used_wal_can_be_read(tmp_path, example_bundle: dict) -> None:  # noqa: ANN001
    db = str(tmp_path / "plain.db")
    RecapService(Settings(db=db, as_of=AS_OF)).load_bundle(example_bundle)
    assert thread_connection(db).execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    ro = RecapService(Settings(db=f"file:{db}?mode=ro", as_of=AS_OF))
    assert ro.store.owner(ACCOUNT) == OWNER


@pytest.mark.sqlite_only("traces SQLite's statements")
def test_logging_events_does_not_scan_the_events_table(service: RecapService, db_path: str) -> None:
    service.start_run(ACCOUNT, OWNER)
    statements: list[str] = []
    conn = thread_connection(db_path)
    conn.set_trace_callback(statements.append)
    try:
        added = service.runs.log_events(
            [RunEvent(key="k-1", event="recap_shared", run_id="r", account_id="a", actor="u", claim_id=None, time="t")]
            * 2
        )
    finally:
        conn.set_trace_callback(None)
    assert added == 1
    assert not [s for s in statements if "count(" in s.lower()]


# --- 9. disk full and I/O errors: a clear error, the run as it was, retry works --------------------------
@pytest.mark.parametrize(
    ("message", "error"),
    [("database or disk is full", StorageFull), ("disk I/O error", StorageUnavailable)],
    ids=["full", "io"],
)
def test_a_storage_failure_during_a_decision_leaves_the_run_paused(
    service: RecapService, monkeypatch: pytest.MonkeyPatch, message: str, error: type, db_path: str
) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    saver, failure = checkpoint_failure(db_path, message)

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    with monkeypatch.context() as patch:
        patch.setattr(saver, "put", fail)
        with pytest.raises(error) as raised:
            service.resume(run.run_id, Decision(decision="approve"), OWNER)
    assert message not in raised.value.message and "sqlite" not in raised.value.message.lower()
    after = service.get_run(run.run_id)
    assert after.status == "awaiting_review" and after.failure is None
    assert service.resume(run.run_id, Decision(decision="approve"), OWNER).status == "approved"


@pytest.mark.sqlite_only("fills SQLite's max_page_count")
def test_a_full_database_refuses_a_new_run_and_leaves_nothing_running(service: RecapService, db_path: str) -> None:
    conn = thread_connection(db_path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    try:
        with pytest.raises(StorageFull, match="out of space"):
            service.start_run(ACCOUNT, OWNER)
    finally:
        conn.execute("PRAGMA max_page_count = 1073741823")
    assert sql(db_path, "SELECT status, failure FROM runs") == []
    assert service.start_run(ACCOUNT, OWNER).status == "awaiting_review"


# --- 6. a run view is read in one snapshot ---------------------------------------------------------
@pytest.mark.sqlite_only("injects the reload through SqliteSaver.get_tuple")
def test_a_run_view_is_one_snapshot(
    service: RecapService, db_path: str, example_bundle: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = service.start_run(ACCOUNT, OWNER)
    real = SqliteSaver.get_tuple
    reloaded: list[bool] = []

    def reload_midway(self: SqliteSaver, config: dict) -> object:
        found = real(self, config)
        if not reloaded:  # another process reloads the account between two reads of the view
            reloaded.append(True)
            example_bundle["contacts"][0]["phone"] = "+1 555 0100"
            _load_elsewhere(db_path, example_bundle)
        return found

    monkeypatch.setattr(SqliteSaver, "get_tuple", reload_midway)
    monkeypatch.setattr("graph.service.read_run", lambda *args: None)  # the graph path, not the recorded view
    view = service.get_run(run.run_id)
    assert reloaded and not view.outdated  # the version read belongs to the same snapshot as the row
    monkeypatch.undo()
    assert service.get_run(run.run_id).outdated


def _load_elsewhere(db_path: str, bundle: dict) -> None:
    """Load a bundle over a connection of another thread (as another process would)."""
    t = threading.Thread(target=lambda: AccountStore(db_path).load(bundle))
    t.start()
    t.join()
