"""The approved recap's page logs what happened after it was shared (issue 17's form), with the API's rules."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.http.support import Keys
from tests.http.test_ui_pages import sign_in


def test_an_owner_logs_a_customer_decision_from_the_approved_page(
    client: TestClient, keys: Keys, paused_run: dict
) -> None:
    run_id = paused_run["run_id"]
    approved = client.post(f"/runs/{run_id}/resume", json={"decision": "approve"}, headers=keys.header("owner"))
    assert approved.json()["status"] == "approved"
    csrf = sign_in(client, keys.owner, f"/ui/runs/{run_id}")
    page = client.get(f"/ui/runs/{run_id}")
    assert 'action="/ui/runs/' + run_id + '/events"' in page.text and "Customer decision" in page.text
    logged = client.post(
        f"/ui/runs/{run_id}/events",
        data={"csrf_token": csrf, "event": "customer_decision", "decision": "renewed", "text": "Two more years."},
    )
    assert logged.status_code == 200 and "Logged." in logged.text
    report = client.get("/reports/summary", headers=keys.header("owner")).json()
    assert report["overall"]["customer_decisions"]["renewed"] == 1


def test_the_form_refuses_what_the_api_refuses_and_forged_posts(
    client: TestClient, keys: Keys, paused_run: dict
) -> None:
    run_id = paused_run["run_id"]
    csrf = sign_in(client, keys.owner, f"/ui/runs/{run_id}")
    not_approved = client.post(f"/ui/runs/{run_id}/events", data={"csrf_token": csrf, "event": "renewal_supported"})
    assert not_approved.status_code == 409 and "approved recaps only" in not_approved.text
    forged = client.post(f"/ui/runs/{run_id}/events", data={"event": "renewal_supported"})
    assert forged.status_code == 403
