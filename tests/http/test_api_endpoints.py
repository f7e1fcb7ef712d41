"""Every endpoint through a TestClient: the happy path and each error status it can answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.http.support import ACCOUNT, OTHER, OWNER, Keys, copy_bundle


@pytest.fixture
def db_path(any_db: str) -> str:
    """Every test here runs on both backends: a SQLite file and a PostgreSQL schema."""
    return any_db


GOOD = "Median first-response time fell 58%, from 12 hours to 5 hours."
BAD = "Median first-response time fell 75%."


def first_summary_claim(run: dict) -> str:
    return run["recap"]["sections"]["executive_summary"][0]["id"]


def edit_body(claim_id: str, text: str, citations: list[str] | None = None) -> dict:
    return {"decision": "edit", "edits": {"edit": [{"id": claim_id, "text": text, "citations": citations}]}}


def test_health_needs_no_key(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    "header",
    [None, "Bearer rk_not-a-key", "Basic dTpw", "Bearer"],
    ids=["missing", "unknown-key", "wrong-scheme", "empty-bearer"],
)
def test_calls_without_a_valid_key_get_401_with_a_bearer_challenge(client: TestClient, header: str | None) -> None:
    response = client.get("/metrics", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {"detail": "missing or invalid API key"}


def test_openapi_lists_every_endpoint_with_typed_models(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert set(doc["paths"]) == {
        "/health",
        "/accounts/{account_id}",
        "/accounts/{account_id}/runs",
        "/accounts/{account_id}/verify",
        "/metrics",
        "/runs/{run_id}",
        "/runs/{run_id}/resume",
        "/runs/{run_id}/history",
        "/runs/{run_id}/trace/{claim_id}",
        "/runs/{run_id}/replay",
        "/runs/{run_id}/events",
        "/reports/summary",
        "/batches",
        "/batches/{batch_id}",
        "/runs/{run_id}/diff",
        "/accounts/import",
        "/keys",
        "/keys/{key_id}",
        "/runs",
        "/runs/{run_id}/export",
    }
    schemas = doc["components"]["schemas"]
    assert {"RunView", "Decision", "Edits", "ClaimInput", "VerifyResult", "CheckpointView", "Bundle"} <= set(schemas)
    run_ok = doc["paths"]["/runs/{run_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert run_ok == {"$ref": "#/components/schemas/RunView"}
    put_body = doc["paths"]["/accounts/{account_id}"]["put"]["requestBody"]["content"]["application/json"]
    assert put_body["schema"] == {"$ref": "#/components/schemas/Bundle"}
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_admin_loads_a_new_account_then_replaces_it(client: TestClient, keys: Keys, example_bundle: dict) -> None:
    bundle = copy_bundle(example_bundle, "fresh", owner="u-new")
    first = client.put("/accounts/acc-fresh", json=bundle, headers=keys.header("admin"))
    assert first.status_code == 200, first.text
    assert first.json()["replaced"] is False and first.json()["owner"] == "u-new"
    assert first.json()["counts"]["objective_kpis"] == 3
    again = client.put("/accounts/acc-fresh", json=bundle, headers=keys.header("admin"))
    assert again.status_code == 200 and again.json()["replaced"] is True


def test_owner_loads_their_own_account(client: TestClient, keys: Keys, example_bundle: dict) -> None:
    response = client.put(f"/accounts/{ACCOUNT}", json=example_bundle, headers=keys.header("owner"))
    assert response.status_code == 200 and response.json()["account_id"] == ACCOUNT


def test_path_id_must_match_the_bundle(client: TestClient, keys: Keys, example_bundle: dict) -> None:
    response = client.put("/accounts/acc-elsewhere", json=example_bundle, headers=keys.header("admin"))
    assert response.status_code == 422
    assert any(p.startswith("account.id:") for p in response.json()["detail"])


def test_invalid_bundle_gets_422_naming_each_bad_field(client: TestClient, keys: Keys, example_bundle: dict) -> None:
    example_bundle["objective_kpis"][0]["status"] = "Sort of fine"
    del example_bundle["account"]["owner"]
    response = client.put(f"/accounts/{ACCOUNT}", json=example_bundle, headers=keys.header("admin"))
    assert response.status_code == 422
    detail = " | ".join(response.json()["detail"])
    assert "objective_kpis[0].status" in detail and "account.owner" in detail


@pytest.mark.parametrize(
    ("account", "owner"),
    [("acc-gift", OTHER), ("acc-other", OWNER)],
    ids=["names-another-owner", "takes-over-someone-elses-account"],
)
def test_non_admin_may_not_load_for_someone_else(
    client: TestClient, keys: Keys, example_bundle: dict, account: str, owner: str
) -> None:
    bundle = copy_bundle(example_bundle, account.removeprefix("acc-"), owner=owner)
    response = client.put(f"/accounts/{account}", json=bundle, headers=keys.header("owner"))
    assert response.status_code == 403


def test_start_run_returns_201_with_the_paused_run(paused_run: dict) -> None:
    assert paused_run["status"] == "awaiting_review" and paused_run["account_id"] == ACCOUNT
    assert set(paused_run) >= {"run_id", "stop_reasons", "recap", "owner", "created_at"}
    assert paused_run["recap"]["sections"]["key_achievements"]


def test_idempotency_key_returns_the_same_run_per_caller(client: TestClient, keys: Keys) -> None:
    def start(role: str, key: str) -> dict:
        response = client.post(f"/accounts/{ACCOUNT}/runs", headers={**keys.header(role), "Idempotency-Key": key})
        assert response.status_code == 201
        return response.json()

    first = start("owner", "k-1")
    assert start("owner", "k-1")["run_id"] == first["run_id"]
    assert start("admin", "k-1")["run_id"] != first["run_id"]
    assert start("owner", "k-2")["run_id"] != first["run_id"]


def test_idempotency_key_reused_for_another_account_is_refused(client: TestClient, keys: Keys) -> None:
    headers = {**keys.header("admin"), "Idempotency-Key": "k-shared"}
    assert client.post(f"/accounts/{ACCOUNT}/runs", headers=headers).status_code == 201
    response = client.post("/accounts/acc-other/runs", headers=headers)
    assert response.status_code == 422 and "Idempotency-Key" in response.json()["detail"]


def test_run_on_unknown_account_is_404(client: TestClient, keys: Keys) -> None:
    response = client.post("/accounts/acc-nope/runs", headers=keys.header("admin"))
    assert response.status_code == 404 and "acc-nope" in response.json()["detail"]


def test_account_without_records_gets_422_and_no_run(client: TestClient, keys: Keys) -> None:
    bare = {"account": {"id": "acc-bare", "name": "Bare", "owner": OWNER}}
    assert client.put("/accounts/acc-bare", json=bare, headers=keys.header("owner")).status_code == 200
    response = client.post("/accounts/acc-bare/runs", headers=keys.header("owner"))
    assert response.status_code == 422 and "at least one associated record" in response.json()["detail"]


def test_get_run_and_unknown_run(client: TestClient, keys: Keys, paused_run: dict) -> None:
    response = client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner"))
    assert response.status_code == 200 and response.json() == paused_run
    missing = client.get("/runs/run-nope", headers=keys.header("admin"))
    assert missing.status_code == 404 and missing.json() == {"detail": "unknown run 'run-nope'"}


def test_approve_then_a_second_decision_is_409(client: TestClient, keys: Keys, paused_run: dict) -> None:
    url = f"/runs/{paused_run['run_id']}/resume"
    done = client.post(url, json={"decision": "approve", "comment": "ship it"}, headers=keys.header("owner"))
    assert done.status_code == 200
    assert done.json()["status"] == "approved" and done.json()["decided_by"] == OWNER
    again = client.post(url, json={"decision": "reject"}, headers=keys.header("owner"))
    assert again.status_code == 409 and "not awaiting review" in again.json()["detail"]


def test_approval_with_unsupported_claims_is_409_listing_them(client: TestClient, keys: Keys, paused_run: dict) -> None:
    url, target = f"/runs/{paused_run['run_id']}/resume", first_summary_claim(paused_run)
    edited = client.post(url, json=edit_body(target, BAD, ["kpi-nw-1"]), headers=keys.header("owner"))
    assert edited.status_code == 200 and edited.json()["status"] == "awaiting_review"
    refused = client.post(url, json={"decision": "approve"}, headers=keys.header("owner"))
    assert refused.status_code == 409
    assert refused.json()["unsupported_claims"] == [target] and target in refused.json()["detail"]
    fixed = client.post(url, json=edit_body(target, GOOD), headers=keys.header("owner"))
    assert fixed.status_code == 200
    assert client.post(url, json={"decision": "approve"}, headers=keys.header("owner")).json()["status"] == "approved"


def test_reject_keeps_the_comment(client: TestClient, keys: Keys, paused_run: dict) -> None:
    response = client.post(
        f"/runs/{paused_run['run_id']}/resume",
        json={"decision": "reject", "comment": "stale"},
        headers=keys.header("owner"),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "rejected" and response.json()["comment"] == "stale"


MALFORMED = {
    "empty": ({}, "decision"),
    "unknown-decision": ({"decision": "maybe"}, "decision"),
    "edit-without-edits": ({"decision": "edit"}, "edits"),
    "approve-with-edits": ({"decision": "approve", "edits": {"remove": ["x"]}}, "edits"),
    "empty-edits": ({"decision": "edit", "edits": {}}, "edits"),
    "claim-id-not-a-string": ({"decision": "edit", "edits": {"edit": [{"id": 7}]}}, "id"),
    "extra-field": ({"decision": "reject", "force": True}, "force"),
    "not-an-object": (["approve"], "body"),
}


@pytest.mark.parametrize(("body", "field"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_decision_is_422_and_leaves_the_run_unchanged(
    client: TestClient, keys: Keys, paused_run: dict, body: object, field: str
) -> None:
    response = client.post(f"/runs/{paused_run['run_id']}/resume", json=body, headers=keys.header("owner"))
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json() == paused_run


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b""], ids=["not-json", "not-utf8", "empty"])
def test_non_json_decision_is_422_and_leaves_the_run_unchanged(
    client: TestClient, keys: Keys, paused_run: dict, content: bytes
) -> None:
    response = client.post(
        f"/runs/{paused_run['run_id']}/resume",
        content=content,
        headers={**keys.header("owner"), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json() == paused_run


def test_edit_of_an_unknown_claim_is_422_and_leaves_the_run_paused(
    client: TestClient, keys: Keys, paused_run: dict
) -> None:
    response = client.post(
        f"/runs/{paused_run['run_id']}/resume", json=edit_body("no-such-claim", "x"), headers=keys.header("owner")
    )
    assert response.status_code == 422 and "no-such-claim" in response.json()["detail"]
    assert client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json() == paused_run
