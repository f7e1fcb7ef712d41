"""Start-up recovery under a lease: of all the server processes over one store, one recovers.

The lease's holder is the server (`recap serve` passes one id to all its workers); the process that
takes the lease recovers runs last updated before it took it, and every process of that server keeps
renewing the lease while it serves. Runs that a worker restarted by the supervisor left behind wait
for the next start-up of the server: recovering them while its siblings serve could run a live run twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

import anyio

from graph.service import RecapService
from state.errors import StorageError
from tools.lease import Grant, Lease

log = logging.getLogger("recap.api")
RECOVERY = "recovery"


def recovery_lease(service: RecapService) -> Lease:
    """Return the recovery lease of this process's server over the service's store."""
    holder = service.settings.server_id or f"server-{uuid.uuid4().hex[:12]}"
    return Lease(service.settings.db, RECOVERY, holder, ttl_s=service.settings.lease_ttl)


async def _renew(lease: Lease) -> None:
    """Keep the lease while serving (a third of its time to live between renewals)."""
    while True:
        await anyio.sleep(lease.ttl_s / 3)
        grant = await anyio.to_thread.run_sync(lease.acquire)
        if not grant.held:
            log.warning("recovery lease taken over by %s", grant.holder)


async def recover_once(service: RecapService, lease: Lease) -> Grant:
    """Take the lease; if this process won it, recover runs a dead process left `running`."""
    grant = await anyio.to_thread.run_sync(lease.acquire)
    if not grant.won:
        log.info("start-up recovery left to %s", grant.holder)
        return grant
    report = await anyio.to_thread.run_sync(lambda: service.recover(before=grant.acquired_at))
    if report.recovered:
        log.warning("recovered %d interrupted run(s): %s", len(report.recovered), ", ".join(report.recovered))
    if report.unreadable:
        log.error(
            "left %d run(s) with unreadable state as they are: %s", len(report.unreadable), ", ".join(report.unreadable)
        )
    if report.deferred:
        log.error(
            "could not write to recover %d run(s); they are recovered at the next start: %s",
            len(report.deferred),
            ", ".join(report.deferred),
        )
    return grant


@contextlib.asynccontextmanager
async def recovery(service: RecapService) -> AsyncIterator[Grant]:
    """Recover at start-up if this process wins the lease, hold it while serving, release it at the end."""
    lease = recovery_lease(service)
    grant = await recover_once(service, lease)
    renewal = asyncio.create_task(_renew(lease)) if grant.held else None
    try:
        yield grant
    finally:
        if renewal is not None:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewal
            try:
                await anyio.to_thread.run_sync(lease.release)
            except StorageError as exc:  # the store went away first: the lease expires by itself
                log.warning("could not release the recovery lease at shutdown: %s", exc.message)
