"""HTTP fixtures: a service over a fresh store, three keys (owner, other user, admin), a TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.service import RecapService
from tests.conftest import AS_OF
from tests.http.server_support import Server
from tests.http.support import ACCOUNT, ADMIN, OTHER, OWNER, Keys, copy_bundle
from tools.keys import KeyStore
from tools.settings import Settings


@pytest.fixture
def service(db_path: str, example_bundle: dict) -> RecapService:
    """Return a service on the offline drafter with the example account and one of another owner."""
    svc = RecapService(Settings(db=db_path, as_of=AS_OF, llm="offline"))
    svc.load_bundle(example_bundle)
    svc.load_bundle(copy_bundle(example_bundle, "other", owner=OTHER))
    return svc


@pytest.fixture
def keys(db_path: str, service: RecapService) -> Keys:
    """Create a key for the example account's owner, for another user and for an admin."""
    store = KeyStore(db_path)
    return Keys(owner=store.create(OWNER), other=store.create(OTHER), admin=store.create(ADMIN, admin=True))


@pytest.fixture
def client(service: RecapService) -> Iterator[TestClient]:
    """Return a TestClient over the app (start-up recovery included)."""
    with TestClient(create_app(service=service)) as c:
        yield c


@pytest.fixture
def paused_run(client: TestClient, keys: Keys) -> dict:
    """Start a run of the example account as its owner; return it, paused for review."""
    response = client.post(f"/accounts/{ACCOUNT}/runs", headers=keys.header("owner"))
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """Start a server over a fresh store; kill it at the end whatever happened."""
    srv = Server(str(tmp_path / "recap.db"), tmp_path / "server.log")
    try:
        yield srv.start()
    finally:
        srv.kill()
