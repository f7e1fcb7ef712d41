"""The account store on SQLite and on PostgreSQL: loads, atomic refusals, whole-account upserts, round-trips."""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from typing import Any

import pytest

from demo.generator import generate_bundle
from state.errors import BundleInvalid, UnknownAccount
from state.validation import validate_bundle
from tools.db import BUSY_TIMEOUT_MS, SCHEMA_VERSION, is_postgres, open_db, schema_version
from tools.store import AccountStore


@pytest.fixture
def db_path(any_db: str) -> str:
    """Every test here runs against both backends: a SQLite file and a PostgreSQL schema."""
    return any_db


@pytest.fixture
def store(db_path: str) -> AccountStore:
    return AccountStore(db_path)


def dump(path: str) -> str:
    """Return every table's schema and rows as text."""
    if not is_postgres(path):
        conn = sqlite3.connect(path)
        try:
            return "\n".join(conn.iterdump())
        finally:
            conn.close()
    with open_db(path) as db:
        tables = sorted(db.table_names())
        return "\n".join(f"{t}: {sorted(map(str, db.execute(f'SELECT * FROM {t}').fetchall()))}" for t in tables)


def other_account(example: dict[str, Any]) -> dict[str, Any]:
    """Return a second, valid account whose ids do not clash with the example's."""
    return {
        "account": {"id": "acc-other", "name": "Other Co", "owner": "u-olga"},
        "contacts": [{"id": "con-ot-1", "name": "Ola Nordmann"}],
        "activities": [
            {
                "id": "act-ot-1",
                "date": "2026-11-01",
                "type": "Call",
                "parent_type": "account",
                "parent_id": "acc-other",
                "contact_ids": ["con-ot-1"],
            }
        ],
    }


def test_example_bundle_loads(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    result = store.load(example_bundle)
    assert (result.account_id, result.owner, result.replaced) == ("acc-northwind", "u-maria", False)
    assert result.counts == {
        "contacts": 3,
        "success_plans": 1,
        "business_challenges": 2,
        "objectives": 2,
        "objective_kpis": 3,
        "playbooks": 2,
        "playbook_tasks": 3,
        "activities": 3,
        "feedback": 2,
        "usage": 2,
        "risks": 1,
    }
    bundle = store.bundle("acc-northwind")
    assert bundle.model_dump() == store.bundle("acc-northwind").model_dump()
    assert [k.id for k in bundle.objective_kpis] == ["kpi-nw-1", "kpi-nw-2", "kpi-nw-3"]
    assert bundle.objective_kpis[0].direction == "decrease"
    assert store.owner("acc-northwind") == "u-maria"
    assert store.accounts() == [{"id": "acc-northwind", "name": "Northwind Health", "owner": "u-maria"}]
    assert store.record_account("act-nw-2") == "acc-northwind"
    assert store.record_account("acc-northwind") == "acc-northwind"


def test_stored_bundle_equals_the_validated_input(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    store.load(example_bundle)
    assert store.bundle("acc-northwind") == validate_bundle(example_bundle)


def test_unknown_account_is_refused(store: AccountStore) -> None:
    with pytest.raises(UnknownAccount):
        store.bundle("acc-missing")
    with pytest.raises(UnknownAccount):
        store.owner("acc-missing")
    assert store.record_account("nothing") is None


# --- atomicity --------------------------------------------------------------------------------------------


def structural_error(bundle: dict[str, Any]) -> dict[str, Any]:
    bad = copy.deepcopy(bundle)
    bad["objective_kpis"][2]["status"] = "Green"
    return bad


def foreign_id(bundle: dict[str, Any]) -> dict[str, Any]:
    bad = other_account(bundle)
    bad["contacts"].append({"id": "con-nw-2", "name": "Someone Else"})
    return bad


@pytest.mark.parametrize("make_bad", [structural_error, foreign_id], ids=["structural", "foreign-id"])
def test_refused_bundle_leaves_every_table_unchanged(
    store: AccountStore, db_path: str, example_bundle: dict[str, Any], make_bad: Any
) -> None:
    store.load(example_bundle)
    before = dump(db_path)
    with pytest.raises(BundleInvalid):
        store.load(make_bad(example_bundle))
    assert dump(db_path) == before


def test_refused_upsert_keeps_the_old_account(
    store: AccountStore, db_path: str, example_bundle: dict[str, Any]
) -> None:
    store.load(example_bundle)
    store.load(other_account(example_bundle))
    before = dump(db_path)
    replacement = copy.deepcopy(example_bundle)
    replacement["activities"] = [dict(replacement["activities"][0], id="act-ot-1")]  # owned by acc-other
    with pytest.raises(BundleInvalid):
        store.load(replacement)
    assert dump(db_path) == before
    assert len(store.bundle("acc-northwind").activities) == 3


def test_failure_midway_through_the_write_rolls_everything_back(
    store: AccountStore, db_path: str, example_bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load(example_bundle)
    before = dump(db_path)
    original = AccountStore._replace

    def replace_then_fail(self: AccountStore, db: Any, bundle: Any) -> None:
        original(self, db, bundle)  # old rows deleted, new rows written...
        raise RuntimeError("disk full")  # ...then the write fails

    monkeypatch.setattr(AccountStore, "_replace", replace_then_fail)
    changed = copy.deepcopy(example_bundle)
    changed["activities"] = changed["activities"][:1]
    with pytest.raises(RuntimeError):
        store.load(changed)
    assert dump(db_path) == before


def test_cross_account_id_error_names_the_path(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    store.load(example_bundle)
    with pytest.raises(BundleInvalid) as info:
        store.load(foreign_id(example_bundle), "other.json")
    assert info.value.problems == ["other.json: contacts[1].id: id 'con-nw-2' already belongs to another account"]


def test_account_id_used_as_a_record_elsewhere_is_refused(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    store.load(example_bundle)
    bad = {"account": {"id": "kpi-nw-1", "name": "Clash", "owner": "u-x"}}
    with pytest.raises(BundleInvalid) as info:
        store.load(bad)
    assert info.value.problems == ["account.id: id 'kpi-nw-1' already belongs to another account"]


# --- upsert -----------------------------------------------------------------------------------------------


def test_loading_an_account_again_replaces_all_its_records(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    store.load(example_bundle)
    store.load(other_account(example_bundle))
    updated = copy.deepcopy(example_bundle)
    updated["activities"] = [a for a in updated["activities"] if a["id"] != "act-nw-2"]
    updated["objective_kpis"][2]["status"] = "On Track"
    updated["risks"] = None
    updated["usage"].append({"id": "use-nw-3", "metric": "weekly_active_agents", "period": "2026-11", "value": 90})
    result = store.load(updated)
    assert result.replaced is True
    bundle = store.bundle("acc-northwind")
    assert [a.id for a in bundle.activities] == ["act-nw-1", "act-nw-3"]
    assert bundle.objective_kpis[2].status == "On Track"
    assert bundle.risks == []
    assert [u.id for u in bundle.usage] == ["use-nw-1", "use-nw-2", "use-nw-3"]
    assert store.record_account("act-nw-2") is None
    assert store.record_account("risk-nw-1") is None
    assert len(store.bundle("acc-other").activities) == 1


def test_a_removed_record_id_may_then_be_used_by_another_account(
    store: AccountStore, example_bundle: dict[str, Any]
) -> None:
    store.load(example_bundle)
    trimmed = copy.deepcopy(example_bundle)
    trimmed["risks"] = []
    store.load(trimmed)
    other = other_account(example_bundle)
    other["risks"] = [{"id": "risk-nw-1", "title": "Moved", "severity": "Low", "status": "Open"}]
    store.load(other)
    assert store.record_account("risk-nw-1") == "acc-other"


def test_owner_change_is_stored(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    store.load(example_bundle)
    example_bundle["account"]["owner"] = "u-james"
    store.load(example_bundle)
    assert store.owner("acc-northwind") == "u-james"


# --- round-trips ------------------------------------------------------------------------------------------


def test_unicode_and_a_one_megabyte_note_round_trip(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    text = "Zoë Ørsted 渋谷 — “quoted” ✓ 🚀 \u200b\n" * 10
    long_note = ("Ängstrom café naïve 日本語 emoji 🎉 " * 40_000)[: 1024 * 1024]
    example_bundle["account"]["name"] = "Nørthwind Hëalth 北風"
    example_bundle["contacts"][0]["name"] = "Dana Ruíz-Øberg"
    example_bundle["activities"][0]["notes"] = long_note
    example_bundle["activities"][1]["notes"] = text
    store.load(example_bundle)
    bundle = store.bundle("acc-northwind")
    assert bundle.account.name == "Nørthwind Hëalth 北風"
    assert bundle.contacts[0].name == "Dana Ruíz-Øberg"
    assert bundle.activities[0].notes == long_note
    assert len(long_note) == 1024 * 1024
    assert bundle.activities[1].notes == text


def test_extra_fields_survive_the_store(store: AccountStore, example_bundle: dict[str, Any]) -> None:
    example_bundle["objective_kpis"][0]["crm_colour"] = "green"
    store.load(example_bundle)
    assert store.bundle("acc-northwind").objective_kpis[0].model_extra == {"crm_colour": "green"}


def test_ten_thousand_activities_are_all_read_back(store: AccountStore) -> None:
    raw = generate_bundle(5, account_id="acc-big", activities=10_000, shape="mixed", as_of=dt.date(2026, 11, 23))
    result = store.load(raw)
    assert result.counts["activities"] == 10_000
    bundle = store.bundle("acc-big")
    assert [a.id for a in bundle.activities] == [a["id"] for a in raw["activities"]]
    assert store.record_account(raw["activities"][-1]["id"]) == "acc-big"


# --- settings of each backend --------------------------------------------------------------------------------------


def test_sqlite_store_uses_wal_and_a_busy_timeout(tmp_path: Any) -> None:
    db_path = str(tmp_path / "wal.db")
    AccountStore(db_path)
    db = open_db(db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    finally:
        db.conn.close()
    plain = sqlite3.connect(db_path)  # WAL is a property of the file, so any connection sees it
    try:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        plain.close()


def test_schema_version_is_recorded_once(db_path: str) -> None:
    AccountStore(db_path)
    AccountStore(db_path)  # opening again migrates nothing
    with open_db(db_path) as db:
        assert schema_version(db) == SCHEMA_VERSION
        assert db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1
