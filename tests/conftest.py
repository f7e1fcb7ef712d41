"""Shared fixtures: a fresh store per test, the spec's example bundle, a service on the offline drafter."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import sys
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

os.environ["LANGGRAPH_STRICT_MSGPACK"] = "true"  # before anything imports langgraph

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-bundle.json"
AS_OF = "2026-11-23"


@pytest.fixture(autouse=True)
def _no_model_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests off hosted providers: no key, a base URL nothing listens on, the offline drafter."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RECAP_LLM", "offline")
    monkeypatch.setenv("RECAP_AS_OF", AS_OF)


@pytest.fixture
def example_bundle() -> dict:
    """Return a fresh copy of the spec's example bundle."""
    return json.loads(EXAMPLE.read_text())


# Tests under these paths that take `db_path` run on both backends (ids [sqlite] and [postgres]), unless marked
# `sqlite_only("why")`. RECAP_TEST_BACKENDS=sqlite (or postgres) narrows a local run to one backend.
BOTH_BACKENDS = ("tests/cli/", "tests/http/", "tests/workflow/", "tests/unit/test_store")
BACKENDS = ("sqlite", "postgres")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `db_path` over both backends for the store, service, HTTP and CLI tests."""
    names = set(metafunc.fixturenames)
    if "db_path" not in names or names & {"any_db", "pg_url"}:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    where = Path(str(metafunc.definition.path)).resolve().relative_to(ROOT).as_posix()
    if where.startswith(BOTH_BACKENDS):
        chosen = [b for b in BACKENDS if b in os.environ.get("RECAP_TEST_BACKENDS", ",".join(BACKENDS))]
        metafunc.parametrize("db_path", chosen, indirect=True, ids=chosen)


@pytest.fixture
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return a fresh store: a SQLite file, or (parametrized `postgres`) a copy of the migrated template database.

    A test marked `unmigrated` (it builds an old schema itself, to test a migration) gets an empty schema instead.
    """
    if getattr(request, "param", "sqlite") == "sqlite":
        yield str(tmp_path / "recap.db")
        return
    server = request.getfixturevalue("postgres_server")
    template = None if request.node.get_closest_marker("unmigrated") else request.getfixturevalue("postgres_template")
    with fresh_database(server, template) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str | None:
    """Return a database migrated once (stores, run tables, keys, checkpoints) to copy per test, or None.

    Building every table from nothing took about a second per test; copying a template takes a fraction.
    None when the server refuses CREATE DATABASE (a RECAP_TEST_DATABASE_URL without the right): tests then
    get a fresh schema.
    """
    import psycopg

    from graph.runtime import forget, graph_for
    from graph.service import RecapService
    from tools.batches import BatchStore
    from tools.keys import KeyStore
    from tools.outcomes import OutcomeStore
    from tools.pg import close_pool
    from tools.sessions import SessionStore
    from tools.settings import Settings

    name = f"recap_template_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.Error:
        return None
    url = _with_database(postgres_server, name)
    RecapService(Settings(database_url=url))
    SessionStore(url, KeyStore(url))
    BatchStore(url)
    OutcomeStore(url)
    graph_for(url)
    forget(url)
    close_pool(url)
    return url


def _with_database(url: str, name: str) -> str:
    """Return `url` pointing at database `name` on the same server."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def fresh_database(base: str, template: str | None) -> Iterator[str]:
    """Yield a URL on a new database copied from the migrated template (else a fresh schema); drop it afterwards."""
    if template is None:
        with fresh_schema(base) as url:
            yield url
        return
    import psycopg

    from graph.runtime import forget
    from tools.pg import close_pool

    name = f"t_{uuid.uuid4().hex[:12]}"
    from urllib.parse import urlsplit

    template_name = urlsplit(template).path.lstrip("/")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template_name}")
    url = _with_database(base, name)
    try:
        yield url
    finally:
        forget(url)
        close_pool(url)
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Return the URL of a PostgreSQL server: RECAP_TEST_DATABASE_URL, else one started from `pgserver` for the run."""
    given = os.environ.get("RECAP_TEST_DATABASE_URL")
    if given:
        yield given
        return
    with warnings.catch_warnings():  # platformdirs warns that XDG_RUNTIME_DIR is unset on CI machines
        warnings.simplefilter("ignore")
        import pgserver

        # Not under pytest's tmp folder: as root, pgserver runs PostgreSQL as another user, who must reach the data.
        folder = tempfile.mkdtemp(prefix="recap-pg-")
        server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_schema(base: str) -> Iterator[str]:
    """Yield a URL on a new, empty schema of the test PostgreSQL; drop it (and its pools) afterwards."""
    import psycopg

    from graph.runtime import forget
    from tools.pg import close_pool

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        forget(url)
        close_pool(url)
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_url(postgres_server: str) -> Iterator[str]:
    """Return a fresh PostgreSQL schema's URL."""
    with fresh_schema(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return a fresh store location on each backend: a SQLite file, or a new schema of the test PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "recap.db")
        return
    with fresh_schema(request.getfixturevalue("postgres_server")) as url:
        yield url


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class CliResult:
    """What one in-process `recap` invocation printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run the `recap` entry point in this process (fast), as a user would call it."""
    from api.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with patch.object(sys, "argv", ["recap", *args]), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())


def checkpoint_failure(db: str, message: str) -> tuple[type, Exception]:
    """Return the store's checkpointer class and the error its disk would raise: SQLite's, or psycopg's."""
    from tools.db import is_postgres

    if not is_postgres(db):
        import sqlite3

        from langgraph.checkpoint.sqlite import SqliteSaver

        return SqliteSaver, sqlite3.OperationalError(message)
    import psycopg
    from langgraph.checkpoint.postgres import PostgresSaver

    return PostgresSaver, (psycopg.errors.DiskFull if "full" in message else psycopg.OperationalError)(message)
