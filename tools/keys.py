"""API keys: only a SHA-256 hash of each key is stored, in the same SQLite file as the accounts.

A key may expire (`expires_at`) and may be revoked (`revoked_at`); `lookup` reads the row afresh
on every call, so a revoke or an expiry takes effect on the very next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from state.errors import InputInvalid, UnknownKey
from state.keys import KeyInfo, KeyStatus
from tools.db import open_db
from tools.runs import now

API_KEYS = "api_keys"
KEY_PREFIX = "rk_"
KEY_ID_LENGTH = 12
KEY_ID = re.compile(f"^[0-9a-f]{{{KEY_ID_LENGTH}}}$")
COLUMNS = "key_hash, user_id, admin, created_at, expires_at, revoked_at"


@dataclass(frozen=True)
class ApiUser:
    """Who a key belongs to and whether it may do everything."""

    user_id: str
    admin: bool


def hash_key(key: str) -> str:
    """Return the hex SHA-256 of a key (what the table stores instead of the key)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def key_id_of(key_hash: str) -> str:
    """Return the public id of a stored key: the start of its hash."""
    return key_hash[:KEY_ID_LENGTH]


def new_key() -> str:
    """Return a fresh random API key."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def migrate_keys(db: sqlite_utils.Database) -> None:
    """Create the api_keys table when missing; add the expiry and revocation columns to an older one."""
    table = db.table(API_KEYS)
    if API_KEYS not in db.table_names():
        table.create(
            {"key_hash": str, "user_id": str, "admin": int, "created_at": str, "expires_at": str, "revoked_at": str},
            pk="key_hash",
        )
        table.create_index(["user_id"])
        return
    for column in ("expires_at", "revoked_at"):
        if column not in table.columns_dict:
            db.execute(f"ALTER TABLE {API_KEYS} ADD COLUMN {column} TEXT")  # plain SQL: SQLite and PostgreSQL


def _status(row: tuple[Any, ...], at: str) -> KeyStatus:
    expires_at, revoked_at = row[4], row[5]
    if revoked_at is not None:
        return "revoked"
    if expires_at is not None and dt.datetime.fromisoformat(expires_at) <= dt.datetime.fromisoformat(at):
        return "expired"
    return "active"


def _info(row: tuple[Any, ...], at: str) -> KeyInfo:
    return KeyInfo(
        key_id=key_id_of(row[0]),
        user_id=row[1],
        admin=bool(row[2]),
        created_at=row[3],
        expires_at=row[4],
        revoked_at=row[5],
        status=_status(row, at),
    )


def _expiry(created_at: str, expires_in_days: float | None) -> str | None:
    if expires_in_days is None:
        return None
    if not expires_in_days > 0:
        raise InputInvalid("expires_in: must be a positive number of days")
    at = dt.datetime.fromisoformat(created_at) + dt.timedelta(days=expires_in_days)
    return at.isoformat(timespec="milliseconds")


class KeyStore:
    """Create, list and revoke API keys, and look up who holds one."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with open_db(self.path) as db, db.atomic():
            migrate_keys(db)

    def create(self, user_id: str, admin: bool = False, expires_in_days: float | None = None) -> str:
        """Store a new key for `user_id` (hashed) and return the key itself, which is not kept."""
        user_id = user_id.strip()
        if not user_id:
            raise InputInvalid("user_id: must not be empty")
        key, created = new_key(), now()
        row = {
            "key_hash": hash_key(key),
            "user_id": user_id,
            "admin": int(admin),
            "created_at": created,
            "expires_at": _expiry(created, expires_in_days),
            "revoked_at": None,
        }
        with open_db(self.path) as db, db.atomic():
            db.table(API_KEYS).insert(row)
        return key

    def lookup(self, key: str) -> ApiUser | None:
        """Return the holder of `key`, or None when no live (unrevoked, unexpired) key matches."""
        return self.lookup_hash(hash_key(key))

    def lookup_hash(self, key_hash: str) -> ApiUser | None:
        """Return the holder of the key with this hash, or None unless that key is live right now."""
        with open_db(self.path) as db:
            row = db.execute(f"SELECT {COLUMNS} FROM {API_KEYS} WHERE key_hash = ?", [key_hash]).fetchone()
        if row is None or _status(row, now()) != "active":
            return None
        return ApiUser(user_id=str(row[1]), admin=bool(row[2]))

    def list_keys(self) -> list[KeyInfo]:
        """Return every key, oldest first, with its status (never the key itself)."""
        with open_db(self.path) as db:
            rows = db.execute(f"SELECT {COLUMNS} FROM {API_KEYS} ORDER BY created_at, key_hash").fetchall()
        at = now()
        return [_info(row, at) for row in rows]

    def revoke(self, key_id: str) -> KeyInfo:
        """Revoke the key with this id (or the key itself); revoking twice keeps the first time."""
        given_key = key_id.startswith(KEY_PREFIX)
        key_hash_start = key_id_of(hash_key(key_id)) if given_key else key_id.strip().lower()
        unknown = UnknownKey("no such key" if given_key else f"unknown key id '{key_id}' (see `recap keys list`)")
        if not KEY_ID.match(key_hash_start):
            raise unknown
        with open_db(self.path) as db, db.atomic():
            rows = db.execute(
                f"SELECT {COLUMNS} FROM {API_KEYS} WHERE substr(key_hash, 1, ?) = ?", [KEY_ID_LENGTH, key_hash_start]
            ).fetchall()
            if len(rows) != 1:
                raise unknown
            db.execute(
                f"UPDATE {API_KEYS} SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL", [now(), rows[0][0]]
            )
            row = db.execute(f"SELECT {COLUMNS} FROM {API_KEYS} WHERE key_hash = ?", [rows[0][0]]).fetchone()
        return _info(row, now())
