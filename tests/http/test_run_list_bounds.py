"""A run-list offset beyond what the databases can hold is refused by name (PostgreSQL's bigint, SQLite's INTEGER)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.http.support import Keys


def test_an_offset_beyond_the_databases_integers_is_a_422_naming_it(client: TestClient, keys: Keys) -> None:
    refused = client.get(f"/runs?offset={2**63}", headers=keys.header("owner"))
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "offset"]
    largest = client.get(f"/runs?offset={2**63 - 1}", headers=keys.header("owner"))
    assert largest.status_code == 200 and largest.json()["runs"] == []
