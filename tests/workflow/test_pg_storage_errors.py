"""A PostgreSQL store that cannot be reached (wrong port, stopped server, no free connection) is one clear line
on the CLI and a 503 over HTTP: the same domain errors as SQLite's, never a stack trace or psycopg's text."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from psycopg_pool import ConnectionPool

from api.app import create_app
from graph.runtime import forget
from graph.service import RecapService
from state.errors import StorageUnavailable
from tests.conftest import AS_OF, free_port, run_cli
from tools import db
from tools.db import storage_errors
from tools.keys import KeyStore
from tools.pg import close_pool
from tools.pg_errors import BUSY, UNREACHABLE
from tools.settings import Settings


@pytest.fixture
def stoppable_server() -> Iterator[Any]:
    """Start a PostgreSQL server of this test's own (the session's one must stay up); stop it at the end."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        folder = tempfile.mkdtemp(prefix="recap-pg-stop-")
        server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def wrong_port_url() -> str:
    return f"postgresql://postgres@127.0.0.1:{free_port()}/recap"


def test_a_wrong_port_is_one_clean_cli_line() -> None:
    result = run_cli("runs", "--db", wrong_port_url())
    assert result.returncode == 1
    assert result.stderr == f"error: {UNREACHABLE}\n"
    assert "Traceback" not in result.stderr + result.stdout


def test_a_service_on_a_wrong_port_raises_the_storage_domain_error() -> None:
    with pytest.raises(StorageUnavailable, match="could not be reached"):
        RecapService(Settings(database_url=wrong_port_url(), as_of=AS_OF))


def test_a_stopped_server_is_a_503_and_one_cli_line(
    stoppable_server: Any, example_bundle: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "PG_POOL_TIMEOUT_S", 1.0)  # a request after the first waits for a connection this long
    url = stoppable_server.get_uri()  # a server of its own: its default database is fresh
    try:
        service = RecapService(Settings(database_url=url, as_of=AS_OF))
        service.load_bundle(example_bundle)
        header = {"Authorization": f"Bearer {KeyStore(url).create('u-maria')}"}
        with TestClient(create_app(service=service), raise_server_exceptions=False) as client:
            assert client.get("/runs", headers=header).status_code == 200
            stoppable_server.cleanup()  # pg_ctl stop: the pooled connections are cut, new ones refused
            read = client.get("/runs", headers=header)
            run = client.post("/accounts/acc-northwind/runs", headers=header)
    finally:
        forget(url)
        close_pool(url)
    cli = run_cli("runs", "--db", url)  # a new process's first connection: refused
    assert (read.status_code, read.json()) == (503, {"detail": UNREACHABLE})
    assert run.status_code == 503 and run.json()["detail"] in (UNREACHABLE, BUSY)
    assert (cli.returncode, cli.stderr) == (1, f"error: {UNREACHABLE}\n")


def test_no_free_connection_in_time_is_the_busy_storage_error(pg_url: str) -> None:
    with (
        ConnectionPool(pg_url, min_size=1, max_size=1, timeout=0.2, open=True) as pool,
        pool.connection(),
        pytest.raises(StorageUnavailable) as caught,
        storage_errors(),
    ):
        pool.getconn()
    assert caught.value.message == BUSY
