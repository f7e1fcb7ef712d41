"""Take the README's screenshots of the review pages (1280 px): docs/ui-inbox.png and docs/ui-review.png.

Runs the demo into a temporary store, serves it with `recap serve` on a free loopback port, starts a
few more runs, decides one, edits one claim into a false statement, and photographs the pages in
Debian's Chromium (/usr/bin/chromium). Usage: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
RECAP = str(Path(sys.executable).parent / "recap")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _env(db: str) -> dict[str, str]:
    return {**os.environ, "RECAP_DB": db, "RECAP_AS_OF": "2026-11-23", "RECAP_LLM": "offline", "RECAP_USER": "demo"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [RECAP, "serve", "--port", str(port)], env=_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("recap serve did not start")


def _prepare(api: httpx.Client) -> str:
    """Start runs of three more accounts, reject one, flag a claim of the demo run; return the demo run id."""
    runs = api.get("/runs?account_id=acc-northwind").json()["runs"]
    for account in ("acc-bluewater", "acc-crestline", "acc-orchid"):
        api.post(f"/accounts/{account}/runs").raise_for_status()
    rejected = api.get("/runs?account_id=acc-bluewater").json()["runs"][0]["run_id"]
    api.post(f"/runs/{rejected}/resume", json={"decision": "reject", "comment": "Wait for the Q4 usage numbers."})
    run_id = runs[0]["run_id"]
    edit = {"edit": [{"id": "es-4", "text": "ARR is 900,000 USD; renewal is due 2027-03-31."}]}
    api.post(f"/runs/{run_id}/resume", json={"decision": "edit", "edits": edit}).raise_for_status()
    return run_id


def _shoot(base: str, key: str, run_id: str) -> None:
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path="/usr/bin/chromium",
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        page = browser.pages[0]
        page.goto(base + "/ui")
        page.get_by_label("API key").fill(key)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(base + "/ui")
        page.screenshot(path=str(ROOT / "docs" / "ui-inbox.png"), full_page=True)
        page.goto(f"{base}/ui/runs/{run_id}")
        flagged = page.locator('[data-claim-id="es-4"]')
        flagged.locator(".chip").first.click()  # open its citation card
        bottom = flagged.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
        page.screenshot(
            path=str(ROOT / "docs" / "ui-review.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": 1280, "height": bottom + 140},
        )
        browser.close()


def main() -> None:
    """Build the demo store, serve it, and save both screenshots."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.db")
        subprocess.run([RECAP, "demo"], env=_env(db), check=True, capture_output=True)
        key = subprocess.run(
            [RECAP, "keys", "create", "u-admin", "--admin"], env=_env(db), check=True, capture_output=True, text=True
        ).stdout.strip()
        port = _port()
        server = _serve(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=120) as api:
                run_id = _prepare(api)
            _shoot(base, key, run_id)
        finally:
            server.kill()
            server.wait(timeout=30)
    print("wrote docs/ui-inbox.png and docs/ui-review.png")


if __name__ == "__main__":
    main()
