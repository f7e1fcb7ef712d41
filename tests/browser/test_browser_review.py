"""A whole review in the browser: open a paused run from the inbox, edit, see it flagged in place, fix, decide."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.browser_support import Stack, no_page_errors, sign_in
from tests.browser.conftest import SECOND
from tests.http.support import ACCOUNT

TRUE_TEXT = "ARR is 240,000 USD; renewal is due 2027-03-31."
FALSE_TEXT = "ARR is 900,000 USD; renewal is due 2027-03-31."


def edit_claim(page: Page, claim_id: str, text: str) -> None:
    """Open a claim's edit form, replace its text and save."""
    claim = page.locator(f'[data-claim-id="{claim_id}"]')
    claim.get_by_role("button", name="Edit").click()
    claim.get_by_label("Claim text").fill(text)
    claim.get_by_role("button", name="Save").click()


def test_edit_into_a_false_claim_is_flagged_in_place_then_fixed_and_approved(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    problems = no_page_errors(page)
    sign_in(page, stack.url, stack.owner_key)

    waiting = page.locator(f'[data-run-id="{run_id}"]')
    expect(waiting).to_contain_text("awaiting review")
    expect(waiting).to_contain_text("2027-03-31")
    waiting.get_by_role("link", name="Northwind Health").click()
    page.wait_for_url(f"{stack.url}/ui/runs/{run_id}")
    claim = page.locator('[data-claim-id="es-4"]')
    expect(claim).to_have_attribute("data-verdict", "supported")
    page.evaluate("window.sameDocument = 'yes'")

    edit_claim(page, "es-4", FALSE_TEXT)
    expect(claim).not_to_have_attribute("data-verdict", "supported")
    assert claim.get_attribute("data-verdict") in ("contradicted", "unverifiable")
    expect(claim.locator(".claim-text")).to_have_text(FALSE_TEXT)
    expect(claim.locator(".reasons li").first).to_contain_text("900")
    approve = page.get_by_role("button", name="Approve")
    expect(approve).to_be_disabled()
    expect(page.locator("#approve-reason")).to_contain_text("es-4")
    expect(page.locator("#stop-banner")).to_contain_text("es-4")
    assert page.evaluate("window.sameDocument") == "yes", "the page reloaded instead of updating in place"

    edit_claim(page, "es-4", TRUE_TEXT)
    expect(claim).to_have_attribute("data-verdict", "supported")
    expect(approve).to_be_enabled()
    expect(page.locator("#approve-reason")).to_be_hidden()
    approve.click()
    expect(page.locator("#run-status")).to_have_text("approved")
    final = stack.get_run(run_id)
    assert (final["status"], final["decided_by"]) == ("approved", "u-maria")
    assert next(c for c in final["recap"]["sections"]["executive_summary"] if c["id"] == "es-4")["text"] == TRUE_TEXT
    assert problems == []


def test_reject_with_a_comment(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(SECOND)["run_id"]
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run_id}")
    page.get_by_label("Comment (kept with your decision)").fill("Numbers need the Q4 refresh first.")
    page.get_by_role("button", name="Reject").click()
    expect(page.locator("#run-status")).to_have_text("rejected")
    expect(page.locator(".decided")).to_contain_text("Numbers need the Q4 refresh first.")
    final = stack.get_run(run_id)
    assert (final["status"], final["comment"]) == ("rejected", "Numbers need the Q4 refresh first.")
    page.goto(stack.url + "/ui")
    expect(page.locator(f'[data-run-id="{run_id}"]')).to_contain_text("Numbers need the Q4 refresh first.")


def test_a_decision_from_a_stale_page_is_refused_with_a_clear_message(
    stack: Stack, browser: BrowserContext, page: Page
) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run_id}")
    other_tab = browser.new_page()
    other_tab.goto(f"{stack.url}/ui/runs/{run_id}")
    edit_claim(other_tab, "es-4", "ARR is 240,000 USD.")
    expect(other_tab.locator('[data-claim-id="es-4"] .claim-text')).to_have_text("ARR is 240,000 USD.")

    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("alert").first).to_contain_text("changed since you loaded it")
    assert stack.get_run(run_id)["status"] == "awaiting_review"
    expect(page.locator('[data-claim-id="es-4"] .claim-text')).to_have_text("ARR is 240,000 USD.")


def test_attest_an_unverifiable_claim_then_approve(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run_id}")
    claim = page.locator('[data-claim-id="ks-1"]')
    edit_claim(page, "ks-1", "Dana Ruiz, VP Patient Operations, is the best sponsor in the region.")
    expect(claim).to_have_attribute("data-verdict", "unverifiable")
    expect(page.get_by_role("button", name="Approve")).to_be_disabled()

    claim.get_by_role("button", name="Attest").click()
    expect(claim).to_contain_text("Attested by the owner (u-maria), not verified")
    expect(claim).to_have_attribute("data-verdict", "unverifiable")
    expect(claim.get_by_role("button", name="Attest")).to_have_count(0)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#run-status")).to_have_text("approved")
    ks1 = stack.get_run(run_id)["recap"]["sections"]["key_stakeholders"][0]
    assert (ks1["id"], ks1["verdict"], ks1["attested_by"]) == ("ks-1", "unverifiable", "u-maria")
