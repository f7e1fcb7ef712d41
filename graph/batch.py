"""Portfolio batches: select accounts, start one run each (unless one already awaits review), report progress."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from graph.service import RecapService
from state.batch import OPEN_STATES, BatchItem, BatchRequest, BatchView
from state.errors import RecapError, UnknownAccount
from state.recap import Recap
from tools.batches import BatchStore

log = logging.getLogger("recap.batch")
Progress = Callable[[BatchItem], None]


def select_accounts(service: RecapService, request: BatchRequest) -> tuple[list[str], list[str]]:
    """Return (accounts to run, accounts skipped for having no associated records) in id order."""
    rows = service.store.accounts()
    known = {r["id"] for r in rows}
    unknown = [a for a in request.account_ids if a not in known]
    if unknown:
        raise UnknownAccount(f"unknown account(s): {', '.join(unknown)}")
    chosen = [
        r["id"]
        for r in rows
        if (request.owner is None or r["owner"] == request.owner)
        and (not request.account_ids or r["id"] in request.account_ids)
    ]
    if request.renewing_within_days is not None:
        today = dt.date.fromisoformat(service.as_of())
        last = today + dt.timedelta(days=request.renewing_within_days)
        renewals = service.store.renewal_dates()
        chosen = [a for a in chosen if renewals.get(a) and today <= dt.date.fromisoformat(renewals[a] or "") <= last]
    empty = [a for a in chosen if service.store.record_count(a) == 0]
    return [a for a in chosen if a not in empty], empty


def open_batch(service: RecapService, request: BatchRequest, actor: str) -> tuple[str, bool]:
    """Return (batch id, created): the unfinished batch with the same selection, else a new one."""
    store = BatchStore(service.settings.db)
    held = store.open_batch(request.selection())
    if held is not None:
        store.requeue_running(held)  # items a stopped process left half-done
        return held, False
    accounts, skipped = select_accounts(service, request)
    return store.create(actor, request.selection(), accounts, skipped), True


def run_item(service: RecapService, store: BatchStore, batch_id: str, account_id: str, actor: str) -> BatchItem:
    """Start the account's run, or point at the one already awaiting review on the same data version."""
    held = store.awaiting_run(account_id, service.store.data_version(account_id))
    if held is not None:
        store.finish(batch_id, account_id, "existing", held, "a run already awaits review on the same data")
        return BatchItem(account_id=account_id, state="existing", run_id=held)
    try:
        run = service.start_run(account_id, actor)
    except RecapError as exc:
        store.finish(batch_id, account_id, "refused", None, exc.message)
        return BatchItem(account_id=account_id, state="refused", note=exc.message)
    # `running`: queued for a worker process (RECAP_RUN_IN_WORKERS); the view follows the run from there.
    state = run.status if run.status in ("awaiting_review", "failed", "running") else "failed"
    store.finish(batch_id, account_id, state, run.run_id, run.failure)
    return BatchItem(account_id=account_id, state=state, run_id=run.run_id, note=run.failure)


def work(
    service: RecapService,
    batch_id: str,
    actor: str,
    concurrency: int,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> int:
    """Work through the batch's queue with `concurrency` threads until it is empty or `stop` is set.

    Return how many runs this call started (a repeated batch on unchanged data starts none).
    """
    store, stop = BatchStore(service.settings.db), stop or threading.Event()
    started, lock = [0], threading.Lock()

    def worker() -> None:
        while not stop.is_set() and (account_id := store.claim_next(batch_id)) is not None:
            item = run_item(service, store, batch_id, account_id, actor)
            with lock:
                started[0] += item.state in ("awaiting_review", "failed", "running")
                if progress is not None:
                    progress(item)

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="batch") as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    return started[0]


def view(service: RecapService, batch_id: str, started_now: int = 0) -> BatchView:
    """Return the batch with each account's run status, stop reasons and claims needing attention."""
    batch, items = BatchStore(service.settings.db).get(batch_id)
    detailed = [_detail(service, item) for item in items]
    counts = Counter(i.state for i in detailed)
    return BatchView(
        batch_id=batch_id,
        created_by=batch["created_by"],
        created_at=batch["created_at"],
        selection=batch["selection"],
        finished=not any(i.state in OPEN_STATES for i in detailed),
        counts=dict(sorted(counts.items())),
        skipped=batch["skipped"],
        items=detailed,
        started_now=started_now,
    )


def _detail(service: RecapService, item: BatchItem) -> BatchItem:
    """Fill in the run's current status, stop reasons and the claims that need the owner's attention."""
    if item.run_id is None or item.state == "queued":
        return item
    run = service.get_run(item.run_id)
    # A worker's run (`running` here) shows where it got to; a decided run shows the decision; else the item's state.
    moved = run.status != "running" if item.state == "running" else run.status in ("approved", "rejected")
    state = run.status if moved else item.state
    recap = run.recap or Recap()
    attention = sum(
        1
        for c in recap.all_claims()
        if c.verdict == "contradicted" or (c.verdict == "unverifiable" and not c.attested_by)
    )
    return item.model_copy(
        update={"state": state, "stop_reasons": [r.code for r in run.stop_reasons], "needs_attention": attention}
    )
