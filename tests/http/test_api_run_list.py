"""GET /runs: the runs the caller may see, newest first, filtered and paginated, on indexed queries."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.service import RecapService
from tests.http.support import ACCOUNT, OTHER, OTHER_ACCOUNT, Keys
from tools.db import open_db


def start(client: TestClient, keys: Keys, account: str, role: str = "admin") -> str:
    response = client.post(f"/accounts/{account}/runs", headers=keys.header(role))
    assert response.status_code == 201, response.text
    return response.json()["run_id"]


def ids(client: TestClient, keys: Keys, role: str, query: str = "") -> list[str]:
    response = client.get(f"/runs{query}", headers=keys.header(role))
    assert response.status_code == 200, response.text
    return [r["run_id"] for r in response.json()["runs"]]


@pytest.fixture
def three_runs(client: TestClient, keys: Keys) -> list[str]:
    """Start two runs of the owner's account and one of the other owner's, oldest first."""
    return [start(client, keys, ACCOUNT), start(client, keys, OTHER_ACCOUNT), start(client, keys, ACCOUNT)]


def test_owners_see_their_accounts_runs_newest_first_and_admins_see_all(
    client: TestClient, keys: Keys, three_runs: list[str]
) -> None:
    mine_old, theirs, mine_new = three_runs
    assert ids(client, keys, "owner") == [mine_new, mine_old]
    assert ids(client, keys, "other_user") == [theirs]
    assert ids(client, keys, "admin") == [mine_new, theirs, mine_old]
    assert ids(client, keys, "owner", f"?owner={OTHER}") == []
    assert ids(client, keys, "owner", f"?account_id={OTHER_ACCOUNT}") == []
    assert ids(client, keys, "admin", f"?owner={OTHER}") == [theirs]


def test_a_summary_says_what_needs_attention(client: TestClient, keys: Keys, three_runs: list[str]) -> None:
    response = client.get(f"/runs?account_id={ACCOUNT}&limit=1", headers=keys.header("owner"))
    summary = response.json()["runs"][0]
    assert summary["run_id"] == three_runs[2]
    assert summary["status"] == "awaiting_review"
    assert summary["account_name"] == "Northwind Health"
    assert (summary["renewal_date"], summary["arr"], summary["currency"]) == ("2027-03-31", 240000, "USD")
    assert summary["stop_reasons"] == ["unresolved_customer_issue"]
    assert summary["claims"] > 20 and summary["needs_attention"] == 0


def test_status_filter_and_pages(client: TestClient, keys: Keys, three_runs: list[str]) -> None:
    mine_old, theirs, mine_new = three_runs
    assert (
        client.post(f"/runs/{mine_old}/resume", json={"decision": "reject"}, headers=keys.header("owner")).status_code
        == 200
    )
    assert ids(client, keys, "admin", "?status=rejected") == [mine_old]
    assert ids(client, keys, "admin", "?status=awaiting_review") == [mine_new, theirs]
    first = client.get("/runs?limit=2", headers=keys.header("admin")).json()
    assert [r["run_id"] for r in first["runs"]] == [mine_new, theirs] and first["next_offset"] == 2
    last = client.get("/runs?limit=2&offset=2", headers=keys.header("admin")).json()
    assert [r["run_id"] for r in last["runs"]] == [mine_old] and last["next_offset"] is None


@pytest.mark.parametrize(
    "query",
    ["?status=done", "?limit=0", "?limit=500", "?offset=-1"],
    ids=["unknown-status", "zero-limit", "huge-limit", "negative-offset"],
)
def test_bad_filters_get_422_naming_the_parameter(client: TestClient, keys: Keys, query: str) -> None:
    response = client.get(f"/runs{query}", headers=keys.header("owner"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == query[1:].split("=")[0]


def test_the_list_needs_a_key(client: TestClient) -> None:
    assert client.get("/runs").status_code == 401


@pytest.mark.parametrize(
    "where",
    ["", "WHERE r.status = 'awaiting_review'", "WHERE r.account_id = 'acc-northwind'", "WHERE a.owner = 'u-maria'"],
    ids=["all", "status", "account", "owner"],
)
@pytest.mark.sqlite_only("reads SQLite's EXPLAIN QUERY PLAN")
def test_list_queries_use_indexes_not_table_scans(service: RecapService, where: str) -> None:
    sql = (
        f"EXPLAIN QUERY PLAN SELECT r.run_id FROM runs r JOIN accounts a ON a.id = r.account_id {where} "
        "ORDER BY r.created_at DESC, r.run_id DESC LIMIT 50"
    )
    with open_db(service.settings.db) as db:
        plan = [row[3] for row in db.execute(sql).fetchall()]
    assert not [step for step in plan if step.startswith("SCAN") and "INDEX" not in step], plan
