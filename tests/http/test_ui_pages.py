"""The review pages over HTTP: sessions, CSRF, security headers, stale decisions, escaping, access rules."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.http.support import Keys
from tools.db import open_db


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def sign_in(client: TestClient, key: str, next_page: str = "/ui") -> str:
    """Sign in through the form; return the session's CSRF token from the page it lands on."""
    form = client.get("/ui/signin")
    response = client.post("/ui/signin", data={"csrf_token": token(form.text), "api_key": key, "next": next_page})
    assert response.status_code == 200, response.text
    return token(response.text)


def test_pages_send_a_browser_without_a_session_to_sign_in(client: TestClient) -> None:
    response = client.get("/ui/runs/run-x/history", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/signin?next=/ui/runs/run-x/history"


@pytest.mark.parametrize(
    "path", ["/ui/signin", "/ui/static/ui.js", "/ui/runs/nope"], ids=["page", "static", "redirect"]
)
def test_every_ui_response_carries_the_csp(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_sign_in_refuses_a_bad_key_and_a_form_without_its_token(client: TestClient, keys: Keys) -> None:
    form = client.get("/ui/signin")
    bad = client.post("/ui/signin", data={"csrf_token": token(form.text), "api_key": "rk_nope"})
    assert bad.status_code == 401 and "not valid" in bad.text
    forged = client.post("/ui/signin", data={"api_key": keys.owner})
    assert forged.status_code == 403 and "recap_session" not in forged.headers.get("set-cookie", "")


def test_sign_in_never_redirects_off_site(client: TestClient, keys: Keys) -> None:
    form = client.get("/ui/signin")
    response = client.post(
        "/ui/signin",
        follow_redirects=False,
        data={"csrf_token": token(form.text), "api_key": keys.owner, "next": "//evil.example/ui"},
    )
    assert response.status_code == 303 and response.headers["location"] == "/ui"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/ui" in cookie
    assert keys.owner not in cookie


def test_a_decision_from_a_stale_page_changes_nothing(client: TestClient, keys: Keys, paused_run: dict) -> None:
    csrf = sign_in(client, keys.owner)
    url = f"/ui/runs/{paused_run['run_id']}"
    page = client.get(url).text
    loaded = re.search(r'name="updated_at" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    edit = client.post(
        f"{url}/claims/es-4", json={"text": "ARR is 240,000 USD.", "updated_at": loaded}, headers={"X-CSRF-Token": csrf}
    )
    assert edit.status_code == 200 and edit.json()["updated_at"] != loaded
    stale = client.post(
        f"{url}/decision",
        data={"csrf_token": csrf, "updated_at": loaded, "action": "reject", "comment": "from the old tab"},
    )
    assert stale.status_code == 409
    assert "changed since you loaded it" in stale.text
    run = client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json()
    assert (run["status"], run["comment"]) == ("awaiting_review", None)


def test_a_script_edit_with_bad_input_names_the_problem(client: TestClient, keys: Keys, paused_run: dict) -> None:
    csrf = sign_in(client, keys.owner)
    url = f"/ui/runs/{paused_run['run_id']}/claims"
    body = {"text": "", "updated_at": paused_run["updated_at"]}
    empty = client.post(f"{url}/es-4", json=body, headers={"X-CSRF-Token": csrf})
    assert empty.status_code == 422 and "edits.edit[0].text" in empty.json()["detail"]
    unknown = client.post(f"{url}/zz-9", json=body | {"text": "Hello."}, headers={"X-CSRF-Token": csrf})
    assert unknown.status_code == 422 and "no claim 'zz-9'" in unknown.json()["detail"]


def test_claim_text_is_escaped_on_the_page(client: TestClient, keys: Keys, paused_run: dict) -> None:
    csrf = sign_in(client, keys.owner)
    url = f"/ui/runs/{paused_run['run_id']}"
    hostile = '<img src=x onerror="alert(1)"> ARR is 240,000 USD.'
    response = client.post(
        f"{url}/claims/es-4",
        json={"text": hostile, "updated_at": paused_run["updated_at"]},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 200
    assert "<img src=x" not in response.json()["claim_html"]
    assert 'aria-describedby="card-es-4-1">acc-northwind</button>' in response.json()["claim_html"]  # kept
    page = client.get(url).text
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_someone_elses_run_is_not_found_and_not_decidable(client: TestClient, keys: Keys, paused_run: dict) -> None:
    csrf = sign_in(client, keys.other)
    url = f"/ui/runs/{paused_run['run_id']}"
    assert client.get(url).status_code == 404
    decided = client.post(
        f"{url}/decision", data={"csrf_token": csrf, "action": "approve", "updated_at": paused_run["updated_at"]}
    )
    assert decided.status_code == 403
    assert (
        client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("admin")).json()["status"] == "awaiting_review"
    )


def test_a_session_ends_when_its_key_is_gone(client: TestClient, keys: Keys, db_path: str) -> None:
    sign_in(client, keys.owner)
    assert client.get("/ui", follow_redirects=False).status_code == 200
    with open_db(db_path) as db, db.atomic():
        db.execute("DELETE FROM api_keys WHERE user_id = 'u-maria'")
    assert client.get("/ui", follow_redirects=False).status_code == 303


def post_decision(client: TestClient, csrf: str, run: dict, **fields: str):  # noqa: ANN201 - an httpx response
    """Post a review-page form the way the browser does."""
    data = {"csrf_token": csrf, "updated_at": run["updated_at"], **fields}
    return client.post(f"/ui/runs/{run['run_id']}/decision", data=data, follow_redirects=False)


def test_remove_and_add_from_the_page_reach_the_draft(client: TestClient, keys: Keys, paused_run: dict) -> None:
    csrf = sign_in(client, keys.owner)
    removed = post_decision(client, csrf, paused_run, action="remove", claim_id="ks-3")
    assert removed.status_code == 303 and removed.headers["location"].endswith("?done=removed#claim-ks-3")
    run = client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json()
    assert "ks-3" not in [c["id"] for c in run["recap"]["sections"]["key_stakeholders"]]
    added = post_decision(
        client,
        csrf,
        run,
        action="add",
        section="immediate_actions",
        owner="u-maria",
        due="2026-12-15",
        text="Book a call with Lena Park.",
        citations="con-nw-3, act-nw-2",
    )
    assert added.status_code == 303
    run = client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json()
    new = run["recap"]["sections"]["immediate_actions"][-1]
    assert (new["text"], new["citations"], new["owner"], new["due"]) == (
        "Book a call with Lena Park.",
        ["con-nw-3", "act-nw-2"],
        "u-maria",
        "2026-12-15",
    )
    page = client.get(f"/ui/runs/{paused_run['run_id']}?done=added").text
    assert "Claim added and verified." in page and f'data-claim-id="{new["id"]}"' in page


def test_attest_sends_an_attest_edit_and_says_when_nothing_was_attested(
    client: TestClient, keys: Keys, paused_run: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = client.app.state.service  # type: ignore[attr-defined]
    asked: list[tuple[str, object]] = []
    real = service.resume

    def recording(run_id: str, decision: object, actor: str, seen_updated_at: str | None = None) -> object:
        asked.append((actor, decision))
        return real(run_id, decision, actor, seen_updated_at=seen_updated_at)

    monkeypatch.setattr(service, "resume", recording)
    csrf = sign_in(client, keys.owner)
    response = post_decision(client, csrf, paused_run, action="attest", claim_id="es-4")
    actor, decision = asked[0]
    assert actor == "u-maria" and decision.model_dump(exclude_none=True) == {  # type: ignore[attr-defined]
        "decision": "edit",
        "edits": {"edit": [], "remove": [], "add": [], "attest": ["es-4"]},
    }
    # es-4 is supported, so it may not be attested: the page says so (the edit check may refuse it first)
    assert response.status_code in (409, 422) and "Attested by you" not in response.text
    run = client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json()
    es4 = next(c for c in run["recap"]["sections"]["executive_summary"] if c["id"] == "es-4")
    assert es4.get("attested_by") is None


def test_an_unknown_action_is_refused_by_name(client: TestClient, keys: Keys, paused_run: dict) -> None:
    csrf = sign_in(client, keys.owner)
    response = post_decision(client, csrf, paused_run, action="publish")
    assert response.status_code == 422 and "action: must be one of" in response.text
