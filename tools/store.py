"""The account store: one table per record type, loaded and replaced one account at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from state.bundle import RECORD_TYPES, Bundle, ObjectiveKpi
from state.errors import BundleInvalid, UnknownAccount
from state.validation import validate_bundle
from tools.bundle_document import bundle_document
from tools.db import SCHEMA_VERSION, one_snapshot, record_version, schema_version, thread_db

ACCOUNTS = "accounts"
RECORD_OWNERS = "record_owners"
# Parent id columns indexed per table, so reads by account or parent need no scan.
PARENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "contacts": (),
    "success_plans": (),
    "business_challenges": ("success_plan_id",),
    "objectives": ("success_plan_id", "business_challenge_id"),
    "objective_kpis": ("objective_id",),
    "playbooks": ("objective_id", "success_plan_id"),
    "playbook_tasks": ("playbook_id",),
    "activities": ("parent_id",),
    "feedback": ("contact_id",),
    "usage": (),
    "risks": (),
}
CHUNK = 500


@dataclass(frozen=True)
class LoadResult:
    """What one load stored: the account and its record counts."""

    account_id: str
    name: str
    owner: str
    counts: dict[str, int]
    replaced: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "name": self.name,
            "owner": self.owner,
            "replaced": self.replaced,
            "counts": self.counts,
        }


def migrate(db: sqlite_utils.Database) -> None:
    """Create or upgrade the store's tables to SCHEMA_VERSION."""
    if schema_version(db) >= SCHEMA_VERSION:
        return
    with db.atomic():
        tables = set(db.table_names())
        if ACCOUNTS not in tables:
            db.table(ACCOUNTS).create({"id": str, "owner": str, "name": str, "data": str}, pk="id")
            db.table(ACCOUNTS).create_index(["owner"])
        if RECORD_OWNERS not in tables:
            db.table(RECORD_OWNERS).create({"id": str, "account_id": str, "type": str}, pk="id")
            db.table(RECORD_OWNERS).create_index(["account_id"])
        for key, parents in PARENT_COLUMNS.items():
            if key in tables:
                continue
            columns: dict[str, Any] = {"id": str, "account_id": str, "data": str}
            columns.update({p: str for p in parents})
            db.table(key).create(columns, pk="id")
            db.table(key).create_index(["account_id"])
            for parent in parents:
                db.table(key).create_index([parent])
        if "data_version" not in db.table(ACCOUNTS).columns_dict:
            # Bumped on every load of the account: a run records the version it was drafted from.
            db.execute(f"ALTER TABLE {ACCOUNTS} ADD COLUMN data_version INTEGER NOT NULL DEFAULT 1")
        record_version(db, SCHEMA_VERSION)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class AccountStore:
    """Accounts and their records; SQLite: one reused connection per thread, PostgreSQL: a pooled one per call."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with self._db() as db:
            migrate(db)

    def _db(self) -> sqlite_utils.Database:
        return thread_db(self.path)

    def load(self, raw: Any, where: str = "") -> LoadResult:
        """Validate one raw bundle and replace its account's records in one transaction."""
        bundle = validate_bundle(raw, where)
        with self._db() as db, db.atomic():
            self._check_foreign_ids(db, bundle, where)
            replaced = db.execute(f"SELECT 1 FROM {ACCOUNTS} WHERE id = ?", [bundle.account.id]).fetchone()
            self._replace(db, bundle)
        return LoadResult(
            bundle.account.id, bundle.account.name, bundle.account.owner, bundle.counts(), replaced is not None
        )

    def _check_foreign_ids(self, db: sqlite_utils.Database, bundle: Bundle, where: str) -> None:
        paths = {bundle.account.id: "account.id"}
        for key in RECORD_TYPES:
            paths.update({r.id: f"{key}[{i}].id" for i, r in enumerate(bundle.records(key))})
        errors = []
        for chunk in _chunks(list(paths)):
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT id, account_id FROM {RECORD_OWNERS} WHERE id IN ({marks}) AND account_id != ?",
                [*chunk, bundle.account.id],
            ).fetchall()
            errors += [f"{paths[rid]}: id '{rid}' already belongs to another account" for rid, _ in rows]
        if errors:
            prefix = f"{where}: " if where else ""
            raise BundleInvalid([prefix + e for e in sorted(errors)])

    def _replace(self, db: sqlite_utils.Database, bundle: Bundle) -> None:
        account_id = bundle.account.id
        for key in [*RECORD_TYPES, RECORD_OWNERS]:
            db.execute(f"DELETE FROM {key} WHERE account_id = ?", [account_id])
        account = bundle.account
        held = db.execute(f"SELECT data_version FROM {ACCOUNTS} WHERE id = ?", [account_id]).fetchone()
        db.table(ACCOUNTS).insert(
            {
                "id": account_id,
                "owner": account.owner,
                "name": account.name,
                "data": account.model_dump_json(),
                "data_version": 1 if held is None else int(held[0]) + 1,
            },
            replace=True,
        )
        owners = [{"id": account_id, "account_id": account_id, "type": "account"}]
        for key, parents in PARENT_COLUMNS.items():
            rows = []
            for record in bundle.records(key):
                row: dict[str, str | None] = {
                    "id": record.id,
                    "account_id": account_id,
                    "data": record.model_dump_json(),
                }
                row.update({p: getattr(record, p, None) for p in parents})
                rows.append(row)
                owners.append({"id": record.id, "account_id": account_id, "type": key})
            db.table(key).insert_all(rows, batch_size=1000)
        db.table(RECORD_OWNERS).insert_all(owners, batch_size=1000)

    def bundle(self, account_id: str) -> Bundle:
        """Return the account and all its records as a Bundle; UnknownAccount if absent."""
        return self.snapshot(account_id)[0]

    def snapshot(self, account_id: str) -> tuple[Bundle, int]:
        """Return the account's records and their data version, read in one transaction (never mixed)."""
        with self._db() as db, one_snapshot(db):
            found = bundle_document(db.execute, account_id)
        if found is None:
            raise UnknownAccount(f"unknown account '{account_id}'")
        return Bundle.model_validate_json(found[0]), found[1]

    def kpis(self, account_id: str) -> list[ObjectiveKpi]:
        """Return the account's KPIs alone (one indexed query, no other records)."""
        with self._db() as db:
            rows = db.execute("SELECT data FROM objective_kpis WHERE account_id = ? ORDER BY rowid", [account_id])
            return [ObjectiveKpi.model_validate_json(r[0]) for r in rows]

    def renewal_dates(self) -> dict[str, str | None]:
        """Return every account's renewal date (None when unknown), by account id."""
        with self._db() as db:
            rows = db.execute(f"SELECT id, json_extract(data, '$.renewal_date') FROM {ACCOUNTS}").fetchall()
        return {r[0]: r[1] for r in rows}

    def owner(self, account_id: str) -> str:
        """Return the owner's user id of an account; UnknownAccount if absent."""
        with self._db() as db:
            row = db.execute(f"SELECT owner FROM {ACCOUNTS} WHERE id = ?", [account_id]).fetchone()
        if row is None:
            raise UnknownAccount(f"unknown account '{account_id}'")
        return str(row[0])

    def data_version(self, account_id: str) -> int:
        """Return the account's data version: 1 after its first load, one more after each reload."""
        with self._db() as db:
            row = db.execute(f"SELECT data_version FROM {ACCOUNTS} WHERE id = ?", [account_id]).fetchone()
        if row is None:
            raise UnknownAccount(f"unknown account '{account_id}'")
        return int(row[0])

    def record_count(self, account_id: str) -> int:
        """Return how many records besides the account object the account holds (one indexed query)."""
        with self._db() as db:
            row = db.execute(
                f"SELECT count(*) FROM {RECORD_OWNERS} WHERE account_id = ? AND type != 'account'", [account_id]
            ).fetchone()
        return int(row[0])

    def accounts(self) -> list[dict[str, str]]:
        """List every account: id, name, owner."""
        with self._db() as db:
            rows = db.execute(f"SELECT id, name, owner FROM {ACCOUNTS} ORDER BY id").fetchall()
        return [{"id": r[0], "name": r[1], "owner": r[2]} for r in rows]

    def account_summaries(self, owner: str | None = None) -> list[dict[str, Any]]:
        """List accounts by name (one owner's, or all): id, name, owner, ARR, currency, renewal date."""
        sql, params = f"SELECT id, name, owner, data FROM {ACCOUNTS}", []
        if owner is not None:
            sql, params = sql + " WHERE owner = ?", [owner]
        with self._db() as db:
            rows = db.execute(sql + " ORDER BY name, id", params).fetchall()
        out = []
        for rid, name, who, data in rows:
            account = json.loads(data)
            out.append(
                {
                    "id": rid,
                    "name": name,
                    "owner": who,
                    "arr": account.get("arr"),
                    "currency": account.get("currency"),
                    "renewal_date": account.get("renewal_date"),
                }
            )
        return out

    def record_account(self, record_id: str) -> str | None:
        """Return the account that owns a record id, or None when no account does."""
        with self._db() as db:
            row = db.execute(f"SELECT account_id FROM {RECORD_OWNERS} WHERE id = ?", [record_id]).fetchone()
        return None if row is None else str(row[0])
