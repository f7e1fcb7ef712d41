"""Browser sessions of the review pages: a random cookie token per sign-in, stored only as a hash.

A session remembers which API key signed in (by the key's hash), so a key that stops being valid
ends its sessions too, and carries the CSRF token every form post and script call must send back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from tools.db import open_db
from tools.keys import ApiUser, KeyStore, hash_key

SESSIONS = "ui_sessions"
SESSION_HOURS = 12


@dataclass(frozen=True)
class Session:
    """A signed-in browser: who, and the CSRF token its pages carry."""

    user: ApiUser
    csrf: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def migrate_sessions(db: sqlite_utils.Database) -> None:
    """Create the sessions table when missing."""
    if SESSIONS not in db.table_names():
        db.table(SESSIONS).create({"token_hash": str, "key_hash": str, "csrf": str, "expires_at": str}, pk="token_hash")


def csrf_matches(expected: str, given: str | None) -> bool:
    """Compare a CSRF token in constant time; a missing one never matches."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


class SessionStore:
    """Open, find and end browser sessions in the same SQLite file as the keys."""

    def __init__(self, path: str | Path, keys: KeyStore) -> None:
        self.path, self.keys = str(path), keys
        with open_db(self.path) as db, db.atomic():
            migrate_sessions(db)

    def open(self, api_key: str) -> tuple[str, Session] | None:
        """Start a session for a valid API key: return (cookie token, session), or None for a bad key."""
        user = self.keys.lookup(api_key)
        if user is None:
            return None
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = (_now() + dt.timedelta(hours=SESSION_HOURS)).isoformat()
        with open_db(self.path) as db, db.atomic():
            db.execute(f"DELETE FROM {SESSIONS} WHERE expires_at < ?", [_now().isoformat()])
            db.table(SESSIONS).insert(
                {"token_hash": _hash(token), "key_hash": hash_key(api_key), "csrf": csrf, "expires_at": expires}
            )
        return token, Session(user=user, csrf=csrf)

    def find(self, token: str | None) -> Session | None:
        """Return the live session of a cookie token (its key still valid), or None."""
        if not token:
            return None
        with open_db(self.path) as db:
            row = db.execute(
                f"SELECT key_hash, csrf, expires_at FROM {SESSIONS} WHERE token_hash = ?", [_hash(token)]
            ).fetchone()
        if row is None or row[2] < _now().isoformat():
            return None
        user = self.keys.lookup_hash(row[0])
        return None if user is None else Session(user=user, csrf=row[1])

    def close(self, token: str | None) -> None:
        """End the session of a cookie token (signing out)."""
        if token:
            with open_db(self.path) as db, db.atomic():
                db.execute(f"DELETE FROM {SESSIONS} WHERE token_hash = ?", [_hash(token)])
