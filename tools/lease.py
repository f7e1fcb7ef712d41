"""A lease row: one holder at a time over a named job (start-up recovery across server processes).

A holder is one server: `recap serve --workers N` gives all its worker processes the same holder id,
so a worker restarted by the supervisor finds the lease already its own and does not recover runs
that its siblings are still carrying. The lease lapses when its holder stops renewing it (the time to
live runs out) or, on the same host, as soon as the holder's process has died.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.db import open_db
from tools.runs import now as now_iso  # the runs table's time format: acquired_at compares with updated_at

LEASES = "leases"
COLUMNS = {"name": str, "holder": str, "host": str, "pid": int, "acquired_at": str, "expires_at": float}


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
    """A named lease in the store at `path` (SQLite file or PostgreSQL URL), taken for `holder` (this server)."""

    path: str | Path
    name: str
    holder: str
    ttl_s: float = 15.0
    pid: int = field(default_factory=os.getpid)
    host: str = field(default_factory=socket.gethostname)

    def _lapsed(self, row: tuple[str, str, int, str, float], now: float) -> bool:
        _, host, pid, _, expires_at = row
        return float(expires_at) < now or (host == self.host and not pid_alive(int(pid)))

    def acquire(self) -> Grant:
        """Take the lease if it is free, lapsed or already ours, and extend it by the time to live."""
        with open_db(self.path) as db, db.atomic():  # the write lock first: acquirers queue, one wins
            if LEASES not in db.table_names():
                db.table(LEASES).create(COLUMNS, pk="name")
            row = db.execute(
                f"SELECT holder, host, pid, acquired_at, expires_at FROM {LEASES} WHERE name = ?", [self.name]
            ).fetchone()
            now = time.time()
            if row is not None and row[0] != self.holder and not self._lapsed(row, now):
                return Grant(won=False, held=False, acquired_at=row[3], holder=row[0])
            won = row is None or row[0] != self.holder
            acquired_at = now_iso() if won else row[3]
            db.execute(f"DELETE FROM {LEASES} WHERE name = ?", [self.name])
            db.table(LEASES).insert(
                {
                    "name": self.name,
                    "holder": self.holder,
                    "host": self.host,
                    "pid": self.pid,
                    "acquired_at": acquired_at,
                    "expires_at": now + self.ttl_s,
                }
            )
        return Grant(won=won, held=True, acquired_at=acquired_at, holder=self.holder)

    def release(self) -> None:
        """Give the lease up if this process's server holds it (and this process renewed it last)."""
        with open_db(self.path) as db, db.atomic():
            if LEASES in db.table_names():
                db.execute(
                    f"DELETE FROM {LEASES} WHERE name = ? AND holder = ? AND pid = ?",
                    [self.name, self.holder, self.pid],
                )
