"""PostgreSQL behind the small part of the sqlite-utils API the stores use, so one store serves both databases.

`open_db(location)` (tools/db.py) hands a `PgDatabase` to the stores when the location is a `postgresql://` URL.
It translates the few SQLite spellings the stores write (`?` placeholders, `rowid`, `json_extract`), takes
connections from one pool per URL, and serialises write transactions with an advisory lock, the way SQLite's
`BEGIN IMMEDIATE` does, so compare-and-set and read-then-write code keeps its meaning on both databases.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import psycopg
from psycopg.rows import tuple_row
from psycopg_pool import ConnectionPool

from tools import db
from tools.db import pool_size, storage_errors

CONNECT_TIMEOUT_S = 10
WRITE_LOCK = 7_310_001  # the advisory lock every write transaction takes first
TYPES = {str: "TEXT", int: "BIGINT", float: "DOUBLE PRECISION", bool: "BOOLEAN"}
_JSON_EXTRACT = re.compile(r"json_extract\((\w+),\s*'\$\.(\w+)'\)")
_pools: dict[str, ConnectionPool] = {}
_pools_lock = threading.Lock()


def pool(url: str, size: int | None = None) -> ConnectionPool:
    """Return the process's connection pool for `url` (opened on first use)."""
    with _pools_lock:
        if url not in _pools:
            with storage_errors(), psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S):
                pass  # a wrong URL or a stopped server is one clear error now, not a pool timeout later
            _pools[url] = ConnectionPool(
                url,
                min_size=1,
                max_size=size or pool_size(),
                timeout=db.PG_POOL_TIMEOUT_S,
                open=True,
                kwargs={"autocommit": True},
                name="recap-store",
            )
        return _pools[url]


def close_pool(url: str) -> None:
    """Close the pool of one URL, if open (tests use a schema each; processes that fork start afresh)."""
    with _pools_lock:
        held = _pools.pop(url, None)
    if held is not None:
        held.close()


def translate(sql: str) -> str:
    """Rewrite the SQLite spellings the stores use into PostgreSQL's."""
    sql = _JSON_EXTRACT.sub(r"(\1::json ->> '\2')", sql)
    return sql.replace("%", "%%").replace("?", "%s")


class PgTable:
    """One table: create, index, insert (plain, ignore or replace), update by primary key."""

    def __init__(self, db: PgDatabase, name: str) -> None:
        self.db, self.name = db, name

    def create(self, columns: dict[str, type], pk: str | tuple[str, ...] | None = None) -> PgTable:
        keys = (pk,) if isinstance(pk, str) else tuple(pk or ())
        cols = [f'"{c}" {TYPES.get(t, "TEXT")}' for c, t in columns.items()]
        cols.append("rowid BIGSERIAL")  # insertion order, as SQLite's rowid gives it
        if keys:
            cols.append(f"PRIMARY KEY ({', '.join(keys)})")
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {self.name} ({', '.join(cols)})")
        return self

    def create_index(self, columns: list[str]) -> PgTable:
        self.db.execute(
            f"CREATE INDEX IF NOT EXISTS idx_{self.name}_{'_'.join(columns)} ON {self.name} ({', '.join(columns)})"
        )
        return self

    @property
    def pks(self) -> list[str]:
        rows = self.db.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary",
            [self.name],
        )
        return [r[0] for r in rows]

    @property
    def columns_dict(self) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema()",
            [self.name],
        )
        return {r[0]: r[1] for r in rows if r[0] != "rowid"}

    def insert(self, row: dict[str, Any], pk: Any = None, replace: bool = False, ignore: bool = False) -> PgTable:
        if pk is not None and self.name not in self.db.table_names():  # sqlite-utils creates on first insert
            self.create({c: type(v) if v is not None else str for c, v in row.items()}, pk=pk)
        return self.insert_all([row], replace=replace, ignore=ignore)

    def insert_all(
        self, rows: Iterable[dict[str, Any]], batch_size: int = 500, replace: bool = False, ignore: bool = False
    ) -> PgTable:
        rows = list(rows)
        if not rows:
            return self
        columns = list(rows[0])
        sql = (
            f"INSERT INTO {self.name} ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})"
            + self._conflict(columns, replace, ignore)
        )
        with storage_errors(), self.db.cursor() as cur:
            cur.executemany(sql, [[r.get(c) for c in columns] for r in rows])
        return self

    def _conflict(self, columns: list[str], replace: bool, ignore: bool) -> str:
        if ignore:
            return " ON CONFLICT DO NOTHING"
        if replace:
            keys = self.pks
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
            return f" ON CONFLICT ({', '.join(keys)}) DO " + (f"UPDATE SET {sets}" if sets else "NOTHING")
        return ""

    def update(self, pk_value: Any, fields: dict[str, Any]) -> PgTable:
        (key,) = self.pks
        sets = ", ".join(f"{c} = %s" for c in fields)
        with storage_errors(), self.db.cursor() as cur:
            cur.execute(f"UPDATE {self.name} SET {sets} WHERE {key} = %s", [*fields.values(), pk_value])
        return self


class PgDatabase:
    """A pooled PostgreSQL connection that answers like the sqlite-utils Database the stores were written for."""

    def __init__(self, url: str) -> None:
        self.pool = pool(url)
        self._conn: psycopg.Connection | None = None
        self._depth = 0

    @property
    def conn(self) -> psycopg.Connection:
        if self._conn is None:
            with storage_errors():
                self._conn = self.pool.getconn()
        return self._conn

    def __enter__(self) -> PgDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Give the connection back to the pool."""
        if self._conn is not None:
            self.pool.putconn(self._conn)
            self._conn = None

    def cursor(self) -> psycopg.Cursor[Any]:
        return self.conn.cursor(row_factory=tuple_row)

    def execute(self, sql: str, params: Iterable[Any] = ()) -> psycopg.Cursor[Any]:
        """Run one statement and return its cursor (fetchone, fetchall, rowcount, iteration)."""
        cur = self.cursor()
        with storage_errors():
            cur.execute(translate(sql), list(params))  # type: ignore[arg-type]
        return cur

    def query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        """Yield rows as dicts (without the internal rowid column)."""
        cur = self.execute(sql, params)
        names = [d.name for d in cur.description or []]
        for row in cur:
            yield {n: v for n, v in zip(names, row, strict=True) if n != "rowid"}

    def table(self, name: str) -> PgTable:
        return PgTable(self, name)

    def table_names(self) -> list[str]:
        rows = self.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return [r[0] for r in rows]

    @contextlib.contextmanager
    def atomic(self) -> Iterator[PgDatabase]:
        """Run the block in one transaction; the outermost takes the write lock first, like BEGIN IMMEDIATE."""
        with storage_errors(), self.conn.transaction():
            if self._depth == 0:
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
