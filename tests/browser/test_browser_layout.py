"""Usable at 390 px and by keyboard: no sideways scrolling, labelled controls, visible focus."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Playwright, expect

from tests.browser.browser_support import PHONE, Stack, launch, sign_in
from tests.http.support import ACCOUNT


def test_review_at_390px_fits_and_works_by_keyboard(stack: Stack, playwright: Playwright, tmp_path: Path) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    context = launch(playwright, tmp_path / "phone", viewport=PHONE)
    try:
        page = context.pages[0]
        sign_in(page, stack.url, stack.owner_key)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.goto(f"{stack.url}/ui/runs/{run_id}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        approve = page.get_by_role("button", name="Approve")
        box = approve.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

        claim = page.locator('[data-claim-id="es-4"]')
        edit = claim.get_by_role("button", name="Edit")
        edit.focus()
        outline = edit.evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline != "none", "keyboard focus must be visible"
        page.keyboard.press("Enter")
        expect(claim.get_by_label("Claim text")).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type("ARR is 900,000 USD; renewal is due 2027-03-31.")
        page.keyboard.press("Tab")
        expect(claim.get_by_label("Citations (record ids, separated by commas)")).to_be_focused()
        page.keyboard.press("Tab")
        expect(claim.get_by_role("button", name="Save")).to_be_focused()
        page.keyboard.press("Enter")
        expect(claim).not_to_have_attribute("data-verdict", "supported")
        expect(approve).to_be_disabled()
        chip = claim.get_by_role("button", name="acc-northwind")
        chip.focus()
        expect(claim.get_by_role("tooltip")).to_be_visible()
        expect(claim.get_by_role("tooltip")).to_contain_text("Account: Northwind Health")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_citation_chip_shows_the_record_on_hover_and_click(stack: Stack, page) -> None:  # noqa: ANN001
    run_id = stack.start_run(ACCOUNT)["run_id"]
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run_id}")
    claim = page.locator('[data-claim-id="ka-1"]')
    card = claim.get_by_role("tooltip")
    expect(card).to_be_hidden()
    claim.get_by_role("button", name="kpi-nw-2").hover()
    expect(card).to_be_visible()
    expect(card).to_contain_text("KPI: Enquiries answered by self-service")
    expect(card).to_contain_text("baseline: 10")
    expect(card).to_contain_text("updated at: 2026-11-01")
    page.mouse.move(0, 0)
    page.locator("h1").click()
    expect(card).to_be_hidden()
    claim.get_by_role("button", name="kpi-nw-2").click()
    page.mouse.move(0, 0)
    expect(card).to_be_visible()
    expect(claim.get_by_role("button", name="kpi-nw-2")).to_have_attribute("aria-expanded", "true")
