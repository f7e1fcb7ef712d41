"""Browser fixtures: a real `recap serve` over a fresh store and Debian's Chromium with a fresh profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from graph.service import RecapService
from tests.browser.browser_support import Stack, chromium_missing, launch
from tests.conftest import AS_OF
from tests.http.server_support import Server
from tests.http.support import OTHER, copy_bundle
from tools.keys import KeyStore
from tools.settings import Settings

SECOND = "acc-second"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Start Playwright once (its driver only; the browser is Debian's Chromium)."""
    if chromium_missing():
        pytest.fail("/usr/bin/chromium is missing: install Debian's chromium package (scripts/test.sh does)")
    with sync_playwright() as p:
        yield p


@pytest.fixture
def stack(tmp_path: Path, example_bundle: dict) -> Iterator[Stack]:
    """Load the example account, a second one of its owner and one of another owner; serve them."""
    db = str(tmp_path / "recap.db")
    service = RecapService(Settings(db=db, as_of=AS_OF, llm="offline"))
    service.load_bundle(example_bundle)
    service.load_bundle(copy_bundle(example_bundle, "second"))
    service.load_bundle(copy_bundle(example_bundle, "other", owner=OTHER))
    keys = KeyStore(db)
    server = Server(db, tmp_path / "server.log")
    stack = Stack(server, keys.create("u-maria"), keys.create(OTHER), keys.create("u-admin", admin=True))
    try:
        server.start()
        yield stack
    finally:
        server.kill()


@pytest.fixture
def browser(playwright: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """Launch Chromium at 1280 px with a fresh user-data directory."""
    context = launch(playwright, tmp_path / "profile")
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Page:
    """Return the browser's first tab."""
    return browser.pages[0] if browser.pages else browser.new_page()
