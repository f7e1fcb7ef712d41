"""Drive Debian's Chromium with Playwright against a real `recap serve`: launch, sign in, start runs."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright

from tests.http.server_support import Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_missing() -> bool:
    """Return whether Debian's Chromium is absent (scripts/test.sh installs it)."""
    return shutil.which(str(CHROMIUM)) is None


def launch(playwright: Playwright, user_data_dir: Path, viewport: dict[str, int] = DESKTOP) -> BrowserContext:
    """Launch headless Chromium with a fresh profile directory; nothing is fetched from the internet."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, viewport=viewport
    )


@dataclass
class Stack:
    """A running server over a store with the example account (u-maria), a second one of hers and u-omar's."""

    server: Server
    owner_key: str
    other_key: str
    admin_key: str

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return self.server.url

    def start_run(self, account_id: str, key: str | None = None) -> dict:
        """Start a run through the HTTP API and return it (paused for review)."""
        with self.server.client(key or self.owner_key) as client:
            response = client.post(f"/accounts/{account_id}/runs")
        assert response.status_code == 201, response.text
        return response.json()

    def get_run(self, run_id: str) -> dict:
        """Return a run through the HTTP API (as the admin)."""
        with self.server.client(self.admin_key) as client:
            response = client.get(f"/runs/{run_id}")
        assert response.status_code == 200, response.text
        return response.json()


def sign_in(page: Page, url: str, key: str) -> None:
    """Sign in through the form, as a person would, and land on the inbox."""
    page.goto(url + "/ui")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/ui")


def no_page_errors(page: Page) -> list[str]:
    """Collect the page's script errors and failed requests into a list the test can assert is empty."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    return problems
