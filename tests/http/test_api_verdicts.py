"""Verdicts and owner attestation over HTTP: run JSON, verify, resume with `attest`, 409/422, metrics."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.http.support import ACCOUNT, OWNER, Keys

UNCHECKABLE = {"text": "The self-service rollout paid for itself within a quarter.", "citations": ["pb-nw-1"]}
CLAIM_FIELDS = {"verdict", "supported", "reasons", "attested_by", "attested_at"}


def resume(client: TestClient, keys: Keys, run_id: str, body: dict, role: str = "owner"):  # noqa: ANN201
    return client.post(f"/runs/{run_id}/resume", json=body, headers=keys.header(role))


def all_claims(run: dict) -> list[dict]:
    recap = run["recap"]
    claims = [c for section in recap["sections"].values() for c in section] + recap["caveats"]
    for entry in recap["value_recap"]:
        for field in ("goal", "outcome", "next_recommendation"):
            claims.append(entry[field])
        for field in ("delivered_work", "evidence", "open_risk"):
            claims += entry[field]
    return claims


def with_uncheckable(client: TestClient, keys: Keys, run: dict) -> tuple[dict, str]:
    target = run["recap"]["sections"]["executive_summary"][0]["id"]
    body = {"decision": "edit", "edits": {"edit": [{"id": target, **UNCHECKABLE}]}}
    edited = resume(client, keys, run["run_id"], body)
    assert edited.status_code == 200, edited.text
    return edited.json(), target


def claim_of(run: dict, claim_id: str) -> dict:
    return next(c for c in all_claims(run) if c["id"] == claim_id)


def test_every_claim_of_the_run_carries_its_verdict_and_attestation_fields(paused_run: dict) -> None:
    claims = all_claims(paused_run)
    assert claims and all(set(c) >= CLAIM_FIELDS for c in claims)
    assert all(c["supported"] == (c["verdict"] == "supported") for c in claims)
    assert all(c["attested_by"] is None and c["attested_at"] is None for c in claims)


def test_attesting_over_http_records_the_owner_and_lets_approval_through(
    client: TestClient, keys: Keys, paused_run: dict
) -> None:
    run, target = with_uncheckable(client, keys, paused_run)
    assert claim_of(run, target)["verdict"] == "unverifiable"
    refused = resume(client, keys, run["run_id"], {"decision": "approve"})
    assert refused.status_code == 409 and refused.json()["unsupported_claims"] == [target]
    assert f"{target} (unverifiable)" in refused.json()["detail"]

    attested = resume(client, keys, run["run_id"], {"decision": "edit", "edits": {"attest": [target]}})
    assert attested.status_code == 200, attested.text
    claim = claim_of(attested.json(), target)
    assert (claim["verdict"], claim["supported"], claim["attested_by"]) == ("unverifiable", False, OWNER)
    assert claim["attested_at"]
    trace = client.get(f"/runs/{run['run_id']}/trace/{target}", headers=keys.header("owner")).json()
    assert (trace[-1]["verdict"], trace[-1]["attested_by"]) == ("unverifiable", OWNER)
    assert resume(client, keys, run["run_id"], {"decision": "approve"}).json()["status"] == "approved"
    counts = client.get("/metrics", headers=keys.header("owner")).json()["counts"]
    assert counts["claim_attested"] == 1


def test_attesting_a_supported_claim_is_422_naming_it_and_its_verdict(
    client: TestClient, keys: Keys, paused_run: dict
) -> None:
    target = paused_run["recap"]["sections"]["executive_summary"][0]["id"]
    response = resume(client, keys, paused_run["run_id"], {"decision": "edit", "edits": {"attest": [target]}})
    assert response.status_code == 422
    assert f"claim '{target}' is supported" in response.json()["detail"]
    assert (
        client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json()["status"] == "awaiting_review"
    )


def test_attesting_needs_the_owner(client: TestClient, keys: Keys, paused_run: dict) -> None:
    run, target = with_uncheckable(client, keys, paused_run)
    response = resume(client, keys, run["run_id"], {"decision": "edit", "edits": {"attest": [target]}}, "other_user")
    assert response.status_code == 403
    assert (
        claim_of(client.get(f"/runs/{run['run_id']}", headers=keys.header("owner")).json(), target)["attested_by"]
        is None
    )


def test_unknown_fields_next_to_attest_are_refused(client: TestClient, keys: Keys, paused_run: dict) -> None:
    body = {"decision": "edit", "edits": {"attest": [], "vouch": ["es-1"]}}
    response = resume(client, keys, paused_run["run_id"], body)
    assert response.status_code == 422 and "vouch" in response.text


def test_verify_returns_a_verdict_per_claim(client: TestClient, keys: Keys) -> None:
    claims = [{"id": "a", "text": "ARR is 240,000 USD.", "citations": [ACCOUNT]}, {"id": "b", **UNCHECKABLE}]
    response = client.post(f"/accounts/{ACCOUNT}/verify", json=claims, headers=keys.header("owner"))
    assert response.status_code == 200
    assert [(r["id"], r["verdict"], r["supported"]) for r in response.json()] == [
        ("a", "supported", True),
        ("b", "unverifiable", False),
    ]


def test_openapi_documents_verdicts_attestation_and_attest(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    claim = next(s for name, s in schemas.items() if name.startswith("Claim") and "verdict" in s["properties"])
    assert {"verdict", "attested_by", "attested_at"} <= set(claim["properties"])
    assert claim["properties"]["verdict"]["enum"] == ["supported", "contradicted", "unverifiable"]
    assert "attest" in schemas["Edits"]["properties"]
    assert "verdict" in schemas["VerifyResult"]["properties"] and "verdict" in schemas["TraceStep"]["properties"]
