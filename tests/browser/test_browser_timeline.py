"""The timeline in the browser: checkpoints with node and changes, a claim's trace, replay from a step."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.browser_support import Stack, sign_in
from tests.http.support import ACCOUNT


def test_timeline_lists_steps_and_traces_a_claim(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run_id}")
    page.locator('[data-claim-id="ka-1"]').get_by_role("link", name="History").click()
    page.wait_for_url(f"**/ui/runs/{run_id}/history?claim=ka-1#trace")
    steps = page.locator(".step")
    expect(steps.filter(has_text="· verify_claims ·")).to_have_count(1)
    expect(steps.filter(has_text="· verify_claims ·")).to_contain_text("stop_reasons")
    trace = page.locator(".trace li")
    expect(trace.first).to_contain_text("Written at step")
    expect(trace.first).to_contain_text("kpi-nw-2")
    expect(trace.last).to_contain_text("Supported by the records")


def test_replay_from_here_creates_the_fork_and_opens_it(stack: Stack, page: Page) -> None:
    run_id = stack.start_run(ACCOUNT)["run_id"]
    sign_in(page, stack.url, stack.owner_key)
    page.goto(f"{stack.url}/ui/runs/{run_id}/history")
    step = page.locator(".step").filter(has_text="· kpi_filter ·")
    checkpoint = step.get_attribute("data-checkpoint-id")
    step.get_by_role("button", name="Replay from here").click()
    page.wait_for_url("**/ui/runs/*?done=replayed")
    new_id = page.url.split("/ui/runs/")[1].split("?")[0]
    assert new_id != run_id
    expect(page.get_by_text(f"Replayed from {run_id}@{checkpoint}")).to_be_visible()
    expect(page.locator("#run-status")).to_have_text("awaiting review")
    fork = stack.get_run(new_id)
    assert (fork["replayed_from"], fork["status"]) == (f"{run_id}@{checkpoint}", "awaiting_review")
    page.goto(stack.url + "/ui")
    expect(page.locator(f'[data-run-id="{new_id}"]')).to_contain_text("replay")
