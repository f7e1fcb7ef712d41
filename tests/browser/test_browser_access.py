"""Who sees what in the browser: another owner sees nothing, forged posts are refused, sign-out ends it all."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.browser_support import Stack, sign_in
from tests.http.support import ACCOUNT


def test_another_owner_sees_nothing_of_the_run(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    sign_in(page, stack.url, stack.other_key)
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    assert run_id not in page.content()
    assert ACCOUNT not in page.content()  # neither the run nor the account it belongs to
    for path in (f"/ui/runs/{run_id}", f"/ui/runs/{run_id}/history"):
        response = page.goto(stack.url + path)
        assert response is not None and response.status == 404
        assert ACCOUNT not in page.content() and "es-4" not in page.content()
    csrf = page.locator('meta[name="csrf-token"]').get_attribute("content")
    response = page.request.post(
        f"{stack.url}/ui/runs/{run_id}/decision", form={"csrf_token": csrf or "", "action": "reject", "updated_at": "x"}
    )
    assert response.status == 403
    assert stack.get_run(run_id)["status"] == "awaiting_review"


def test_a_forged_post_without_the_csrf_token_is_refused(stack: Stack, page: Page) -> None:
    run = stack.start_run(ACCOUNT)
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run['run_id']}")
    url = f"{stack.url}/ui/runs/{run['run_id']}"
    forged = page.request.post(url + "/decision", form={"action": "reject", "updated_at": run["updated_at"]})
    assert forged.status == 403
    assert "CSRF" in forged.text()
    wrong = page.request.post(
        url + "/decision", form={"action": "reject", "updated_at": run["updated_at"], "csrf_token": "not-the-token"}
    )
    assert wrong.status == 403
    script = page.request.post(url + "/claims/es-4", data={"text": "ARR is 1 USD.", "updated_at": run["updated_at"]})
    assert script.status == 403
    assert stack.get_run(run["run_id"])["status"] == "awaiting_review"
    expect(page.locator('[data-claim-id="es-4"]')).to_have_attribute("data-verdict", "supported")


def test_sign_out_ends_the_session_and_pages_ask_for_a_key_again(stack: Stack, page: Page) -> None:
    sign_in(page, stack.url, stack.owner_key)
    cookie = next(c for c in page.context.cookies() if c["name"] == "recap_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/ui/signin")
    page.context.add_cookies([cookie])  # the old cookie is dead on the server too
    page.goto(stack.url + "/ui")
    expect(page.get_by_label("API key")).to_be_visible()
    page.get_by_label("API key").fill("rk_not-a-key")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("not valid")


def test_pages_carry_a_csp_and_load_nothing_from_elsewhere(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, stack.url, stack.owner_key)
    response = page.goto(f"{stack.url}/ui/runs/{run_id}")
    assert response is not None
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert requested and all(url.startswith(stack.url + "/") for url in requested)
