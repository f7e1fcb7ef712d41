"""History, trace, replay, verify and metrics through a TestClient, with their error statuses."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.http.support import ACCOUNT, Keys

CLAIMS = [
    {"id": "c1", "text": "Median first-response time fell 58%, from 12 hours to 5 hours.", "citations": ["kpi-nw-1"]},
    {"id": "c2", "text": "Median first-response time fell 75%.", "citations": ["kpi-nw-1"]},
    {"id": "c3", "text": "Adoption is strong.", "citations": ["kpi-other-1"]},
]


def test_history_lists_checkpoints_oldest_first(client: TestClient, keys: Keys, paused_run: dict) -> None:
    response = client.get(f"/runs/{paused_run['run_id']}/history", headers=keys.header("owner"))
    assert response.status_code == 200
    steps = response.json()
    assert [s["step"] for s in steps] == sorted(s["step"] for s in steps)
    assert {"gather_inputs", "evidence_check", "verify_claims"} <= {s["node"] for s in steps}
    assert all(set(s) >= {"checkpoint_id", "step", "node", "time"} for s in steps)


def test_history_of_unknown_run_is_404(client: TestClient, keys: Keys) -> None:
    assert client.get("/runs/run-nope/history", headers=keys.header("admin")).status_code == 404


def test_trace_follows_a_claim_and_unknown_claim_is_404(client: TestClient, keys: Keys, paused_run: dict) -> None:
    claim_id = paused_run["recap"]["sections"]["executive_summary"][0]["id"]
    response = client.get(f"/runs/{paused_run['run_id']}/trace/{claim_id}", headers=keys.header("owner"))
    assert response.status_code == 200
    assert response.json()[0]["node"] == "join_drafts" and response.json()[-1]["supported"] is True
    missing = client.get(f"/runs/{paused_run['run_id']}/trace/no-such-claim", headers=keys.header("owner"))
    assert missing.status_code == 404 and "no-such-claim" in missing.json()["detail"]


def test_replay_forks_a_new_paused_run(client: TestClient, keys: Keys, paused_run: dict) -> None:
    run_id = paused_run["run_id"]
    steps = client.get(f"/runs/{run_id}/history", headers=keys.header("owner")).json()
    fork_at = next(s for s in steps if s["node"] == "kpi_filter")["checkpoint_id"]
    response = client.post(f"/runs/{run_id}/replay", json={"checkpoint_id": fork_at}, headers=keys.header("owner"))
    assert response.status_code == 201
    forked = response.json()
    assert forked["run_id"] != run_id and forked["status"] == "awaiting_review"
    assert forked["replayed_from"] == f"{run_id}@{fork_at}"
    assert client.get(f"/runs/{run_id}", headers=keys.header("owner")).json() == paused_run


@pytest.mark.parametrize(
    ("body", "status"),
    [({"checkpoint_id": "cp-nope"}, 404), ({}, 422), ({"checkpoint_id": ""}, 422), ({"checkpoint_id": 3}, 422)],
    ids=["unknown-checkpoint", "missing", "empty", "not-a-string"],
)
def test_replay_errors(client: TestClient, keys: Keys, paused_run: dict, body: dict, status: int) -> None:
    response = client.post(f"/runs/{paused_run['run_id']}/replay", json=body, headers=keys.header("owner"))
    assert response.status_code == status


def test_verify_returns_a_verdict_per_claim_in_order(client: TestClient, keys: Keys) -> None:
    response = client.post(f"/accounts/{ACCOUNT}/verify", json=CLAIMS, headers=keys.header("owner"))
    assert response.status_code == 200
    verdicts = response.json()
    assert [v["id"] for v in verdicts] == ["c1", "c2", "c3"]
    assert [v["supported"] for v in verdicts] == [True, False, False]
    assert verdicts[1]["reasons"] and verdicts[2]["reasons"]


@pytest.mark.parametrize(
    ("account", "body", "status"),
    [
        ("acc-nope", CLAIMS, 404),
        (ACCOUNT, {"id": "c1"}, 422),
        (ACCOUNT, [{"id": "c1", "citations": []}], 422),
    ],
    ids=["unknown-account", "not-a-list", "claim-without-text"],
)
def test_verify_errors(client: TestClient, keys: Keys, account: str, body: object, status: int) -> None:
    response = client.post(f"/accounts/{account}/verify", json=body, headers=keys.header("admin"))
    assert response.status_code == status
    if status == 422:
        assert response.json()["detail"][0]["loc"][0] == "body"


def test_metrics_count_the_callers_accounts(client: TestClient, keys: Keys, paused_run: dict) -> None:
    client.post(f"/runs/{paused_run['run_id']}/resume", json={"decision": "reject"}, headers=keys.header("owner"))
    mine = client.get("/metrics", headers=keys.header("owner")).json()["counts"]
    assert mine["recap_created"] == 1 and mine["decision_rejected"] == 1 and mine["decision_approved"] == 0
    assert client.get("/metrics", headers=keys.header("other_user")).json()["counts"]["recap_created"] == 0
    assert client.get("/metrics", headers=keys.header("admin")).json()["counts"]["recap_created"] == 1
    narrowed = client.get("/metrics", params={"account_id": ACCOUNT}, headers=keys.header("owner"))
    assert narrowed.status_code == 200 and narrowed.json()["counts"] == mine


def test_metrics_of_unknown_account_is_404(client: TestClient, keys: Keys) -> None:
    assert client.get("/metrics", params={"account_id": "acc-nope"}, headers=keys.header("admin")).status_code == 404
