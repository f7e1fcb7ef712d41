"""Store reads are consistent and cheap: one snapshot per bundle, one connection per thread, storage errors named."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest
import sqlite_utils

from state.errors import StorageFull, StorageReadOnly, StorageUnavailable
from tools.db import storage_error, thread_connection, thread_db
from tools.runs import RunStore
from tools.store import AccountStore


@pytest.mark.sqlite_only("injects the reload through sqlite_utils.Database.execute")
def test_a_bundle_read_during_a_reload_is_all_old_or_all_new(
    db_path: str, example_bundle: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AccountStore(db_path)
    store.load(example_bundle)
    newer = {**example_bundle, "activities": [dict(a, subject="RELOADED") for a in example_bundle["activities"]]}
    real = sqlite_utils.Database.execute
    reloaded: list[bool] = []

    def reload_midway(self: sqlite_utils.Database, sql: str, *args: Any, **kwargs: Any) -> Any:
        # Another writer commits a reload after this read has already read some of the tables.
        if "FROM business_challenges" in sql and not reloaded:
            reloaded.append(True)
            t = threading.Thread(target=lambda: AccountStore(db_path).load(newer))
            t.start()
            t.join()
        return real(self, sql, *args, **kwargs)

    monkeypatch.setattr(sqlite_utils.Database, "execute", reload_midway)
    bundle = store.bundle("acc-northwind")
    monkeypatch.undo()
    assert reloaded
    assert {a.subject for a in bundle.activities} == {a["subject"] for a in example_bundle["activities"]}
    assert {a.subject for a in store.bundle("acc-northwind").activities} == {"RELOADED"}


@pytest.mark.sqlite_only("PostgreSQL takes pooled connections, not one per thread")
def test_the_stores_reuse_one_connection_per_thread(db_path: str) -> None:
    RunStore(db_path)
    here = thread_db(db_path).conn
    assert AccountStore(db_path)._db().conn is here and thread_connection(db_path) is here
    elsewhere: list[sqlite3.Connection] = []
    t = threading.Thread(target=lambda: elsewhere.append(thread_db(db_path).conn))
    t.start()
    t.join()
    assert elsewhere[0] is not here


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("attempt to write a readonly database", StorageReadOnly),
        ("database or disk is full", StorageFull),
        ("disk I/O error", StorageUnavailable),
    ],
    ids=["read-only", "full", "io"],
)
def test_storage_failures_map_to_domain_errors_without_sqlite_text(message: str, error: type) -> None:
    mapped = storage_error(sqlite3.OperationalError(message))
    assert isinstance(mapped, error) and message not in mapped.message


def test_other_database_errors_are_not_storage_failures() -> None:
    assert storage_error(sqlite3.OperationalError("no such table: runs")) is None
    assert storage_error(ValueError("database or disk is full")) is None
