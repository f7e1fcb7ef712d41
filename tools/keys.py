"""API keys: only a SHA-256 hash of each key is stored, in the same SQLite file as the accounts."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from state.errors import InputInvalid
from tools.db import open_db
from tools.runs import now

API_KEYS = "api_keys"
KEY_PREFIX = "rk_"


@dataclass(frozen=True)
class ApiUser:
    """Who a key belongs to and whether it may do everything."""

    user_id: str
    admin: bool


def hash_key(key: str) -> str:
    """Return the hex SHA-256 of a key (what the table stores instead of the key)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """Return a fresh random API key."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def migrate_keys(db: sqlite_utils.Database) -> None:
    """Create the api_keys table when missing."""
    if API_KEYS not in db.table_names():
        table = db.table(API_KEYS)
        table.create({"key_hash": str, "user_id": str, "admin": int, "created_at": str}, pk="key_hash")
        table.create_index(["user_id"])


class KeyStore:
    """Create API keys and look up who holds one."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with open_db(self.path) as db, db.atomic():
            migrate_keys(db)

    def create(self, user_id: str, admin: bool = False) -> str:
        """Store a new key for `user_id` (hashed) and return the key itself, which is not kept."""
        user_id = user_id.strip()
        if not user_id:
            raise InputInvalid("user_id: must not be empty")
        key = new_key()
        row = {"key_hash": hash_key(key), "user_id": user_id, "admin": int(admin), "created_at": now()}
        with open_db(self.path) as db, db.atomic():
            db.table(API_KEYS).insert(row)
        return key

    def lookup(self, key: str) -> ApiUser | None:
        """Return the holder of `key`, or None when no stored key matches."""
        return self.lookup_hash(hash_key(key))

    def lookup_hash(self, key_hash: str) -> ApiUser | None:
        """Return the holder of the key with this hash (a browser session keeps only the hash), or None."""
        with open_db(self.path) as db:
            row = db.execute(f"SELECT user_id, admin FROM {API_KEYS} WHERE key_hash = ?", [key_hash]).fetchone()
        return None if row is None else ApiUser(user_id=str(row[0]), admin=bool(row[1]))
