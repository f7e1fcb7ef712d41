"""A lease row: one holder at a time over a named job (start-up recovery across server processes).

A holder is one server: `recap serve --workers N` gives all its worker processes the same holder id,
so a worker restarted by the supervisor finds the lease already its own and does not recover runs
that its siblings are still carrying. The lease lapses when its holder stops renewing it (the time to
live runs out) or, on the same host, as soon as the holder's process has died.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.db import connect
from tools.runs import now as now_iso  # the runs table's time format: acquired_at compares with updated_at

LEASES = "leases"
SCHEMA = (f"CREATE TABLE IF NOT EXISTS {LEASES} (name TEXT PRIMARY KEY, holder TEXT NOT NULL, "
          "host TEXT NOT NULL, pid INTEGER NOT NULL, acquired_at TEXT NOT NULL, expires_at REAL NOT NULL)")


def pid_alive(pid: int) -> bool:
    """Return whether a process with this id exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just someone else's
    return True


@dataclass(frozen=True)
class Grant:
    """What an acquire got: `won` when the lease was newly taken (the winner does the job), `held` when it is ours."""

    won: bool
    held: bool
    acquired_at: str
    holder: str


@dataclass(frozen=True)
class Lease:
    """A named lease in the SQLite file at `path`, taken for `holder` (this process's server)."""

    path: str | Path
    name: str
    holder: str
    ttl_s: float = 15.0
    pid: int = field(default_factory=os.getpid)
    host: str = field(default_factory=socket.gethostname)

    def _conn(self) -> sqlite3.Connection:
        conn = connect(self.path)
        conn.isolation_level = None  # explicit BEGIN IMMEDIATE below
        conn.execute(SCHEMA)
        return conn

    def _lapsed(self, row: tuple[str, str, int, str, float], now: float) -> bool:
        _, host, pid, _, expires_at = row
        return expires_at < now or (host == self.host and not pid_alive(int(pid)))

    def acquire(self) -> Grant:
        """Take the lease if it is free, lapsed or already ours, and extend it by the time to live."""
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute(f"SELECT holder, host, pid, acquired_at, expires_at FROM {LEASES} WHERE name = ?",
                               [self.name]).fetchone()
            now = time.time()
            if row is not None and row[0] != self.holder and not self._lapsed(row, now):
                conn.execute("COMMIT")
                return Grant(won=False, held=False, acquired_at=row[3], holder=row[0])
            won = row is None or row[0] != self.holder
            acquired_at = now_iso() if won else row[3]
            conn.execute(f"INSERT OR REPLACE INTO {LEASES} (name, holder, host, pid, acquired_at, expires_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         [self.name, self.holder, self.host, self.pid, acquired_at, now + self.ttl_s])
            conn.execute("COMMIT")
            return Grant(won=won, held=True, acquired_at=acquired_at, holder=self.holder)
        finally:
            conn.close()

    def release(self) -> None:
        """Give the lease up if this process's server holds it."""
        conn = self._conn()
        try:
            conn.execute(f"DELETE FROM {LEASES} WHERE name = ? AND holder = ? AND pid = ?",
                         [self.name, self.holder, self.pid])
        finally:
            conn.close()
