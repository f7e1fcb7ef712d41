"""Runs in worker processes: a PostgreSQL-backed queue (procrastinate) hands each run to exactly one worker.

The API and batches only enqueue when `RECAP_RUN_IN_WORKERS` is on; `recap worker` processes take the jobs. A
job carries a run id and nothing else: the run continues from its last checkpoint, so a job retried after its
worker was killed (`kill -9`) picks the run up where it stopped and never drafts it twice. The lock on the run id
keeps two workers off one run; a run that is no longer `running` makes its job a no-op.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Iterator
from typing import Any

import procrastinate

from graph.runtime import thread_config
from graph.service import RecapService
from tools.db import storage_error
from tools.settings import Settings, load_settings

log = logging.getLogger("recap.worker")
QUEUE = "recap-runs"
TASK = "recap.continue_run"
HEARTBEAT_S = 2.0


def make_app(url: str) -> procrastinate.App:
    """Return the queue app over the database at `url`, with our tasks registered."""
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))
    app.task(name=TASK, queue=QUEUE, pass_context=False)(continue_run)
    app.periodic(cron="* * * * *", periodic_id="retry-stalled")(
        app.task(name="recap.retry_stalled", queue=QUEUE, queueing_lock="retry-stalled", pass_context=True)(
            retry_stalled
        )
    )
    return app


_service: RecapService | None = None


def worker_service() -> RecapService:
    """Return this worker process's service (built once, from the environment)."""
    global _service
    if _service is None:
        _service = RecapService(load_settings())
    return _service


def continue_run(run_id: str) -> str:
    """Take a queued run forward from its last checkpoint to the review pause; return its status."""
    service = worker_service()
    run = service.runs.get(run_id)
    if run.status != "running":
        return run.status  # finished by an earlier attempt: nothing to do twice
    snapshot = service.graph().get_state(thread_config(run_id))
    start = {"run_id": run_id, "account_id": run.account_id, "as_of": run.as_of}
    return service.advance(run_id, None if snapshot.values else start).status


async def retry_stalled(context: Any, timestamp: int) -> int:
    """Retry the jobs of workers that stopped sending heartbeats (killed, lost their machine)."""
    return await _retry_stalled(context.app, worker_service().settings.worker_stalled_after)


async def _retry_stalled(app: procrastinate.App, stalled_after: float) -> int:
    manager = app.job_manager
    stalled = list(await manager.get_stalled_jobs(queue=QUEUE, task_name=TASK, seconds_since_heartbeat=stalled_after))
    for job in stalled:
        log.warning("retrying run job %s of a stalled worker", job.id)
        await manager.retry_job(job, retry_at=dt.datetime.now(dt.UTC))
    return len(stalled)


def enqueue(settings: Settings, run_id: str) -> None:
    """Queue a run for the workers (once: a run already queued or in progress is not queued again)."""
    with queue_errors():
        prepare(settings)
        app = make_app(settings.db)
        with app.open():
            app.tasks[TASK].configure(lock=run_id, queueing_lock=run_id).defer(run_id=run_id)


@contextlib.contextmanager
def queue_errors() -> Iterator[None]:
    """Turn the queue's database failures (procrastinate wraps psycopg's) into the store's domain errors."""
    try:
        yield
    except Exception as exc:
        wrapped = isinstance(exc, procrastinate.exceptions.ConnectorException) and exc.__cause__ is not None
        mapped = storage_error(exc.__cause__ if wrapped else exc)  # type: ignore[arg-type]
        if mapped is None:
            raise
        raise mapped from None


_prepared: set[str] = set()
_prepare_lock = threading.Lock()


def prepare(settings: Settings) -> None:
    """Create the queue's tables when missing (once per process and database; the lock serialises creators)."""
    with _prepare_lock:
        if settings.db in _prepared:
            return
        app = make_app(settings.db)
        with app.open():
            if not _queue_ready(app):
                try:
                    app.schema_manager.apply_schema()
                except procrastinate.exceptions.ConnectorException:
                    if not _queue_ready(app):  # another process created it at the same moment: fine
                        raise
        _prepared.add(settings.db)


def _queue_ready(app: procrastinate.App) -> bool:
    connector = app.connector.get_sync_connector()
    row = connector.execute_query_one("SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS ready")
    return bool(row["ready"])


def run_worker(settings: Settings, concurrency: int) -> None:
    """Work the run queue until interrupted, retrying stalled workers' jobs at start and every minute."""
    global _service
    _service = RecapService(settings)
    prepare(settings)
    app = make_app(settings.db)

    async def work() -> None:
        async with app.open_async():
            retried = await _retry_stalled(app, settings.worker_stalled_after)
            if retried:
                log.warning("retried %d run job(s) of stalled workers", retried)
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                wait=True,
                update_heartbeat_interval=min(HEARTBEAT_S, settings.worker_stalled_after / 3),
                stalled_worker_timeout=settings.worker_stalled_after,
                install_signal_handlers=True,
            )

    asyncio.run(work())
