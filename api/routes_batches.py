"""Batch routes: start a portfolio batch (it runs in the background) and read its progress; a run's diff."""

from __future__ import annotations

import logging
import threading

from fastapi import APIRouter, status

from api.auth import ReadableRun, ServiceDep, UserDep
from api.schemas import error_responses
from graph.batch import open_batch, view, work
from graph.diff import since_last_approved
from graph.service import RecapService
from state.batch import BatchRequest, BatchView
from state.errors import Forbidden
from tools.batches import UnknownBatch
from tools.diff import RecapDiff

router = APIRouter(tags=["batches"])
log = logging.getLogger("recap.api")


def _work_in_background(service: RecapService, batch_id: str, actor: str, concurrency: int) -> None:
    def job() -> None:
        try:
            work(service, batch_id, actor, concurrency)
        except Exception:  # a background batch must not die silently; the items show what finished
            log.exception("batch %s stopped", batch_id)

    threading.Thread(target=job, name=f"batch-{batch_id}", daemon=True).start()


@router.post(
    "/batches",
    response_model=BatchView,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 403, 404, 422),
)
def start_batch(request: BatchRequest, user: UserDep, service: ServiceDep) -> BatchView:
    """Start (or continue) a batch of runs over the caller's accounts; poll GET /batches/{batch_id}."""
    if not user.admin:
        if request.owner not in (None, user.user_id):
            raise Forbidden("an owner may batch only their own accounts")
        request = request.model_copy(update={"owner": user.user_id})
    batch_id, _ = open_batch(service, request, user.user_id)
    _work_in_background(service, batch_id, user.user_id, request.concurrency)
    return view(service, batch_id)


@router.get("/batches/{batch_id}", response_model=BatchView, responses=error_responses(401, 404))
def get_batch(batch_id: str, user: UserDep, service: ServiceDep) -> BatchView:
    """Return the batch's progress: counts by state and each account's run (its creator or an admin)."""
    batch = view(service, batch_id)
    if not user.admin and batch.created_by != user.user_id:
        raise UnknownBatch(f"unknown batch '{batch_id}'")
    return batch


@router.get("/runs/{run_id}/diff", response_model=RecapDiff, tags=["runs"], responses=error_responses(401, 404))
def run_diff(run_id: ReadableRun, service: ServiceDep) -> RecapDiff:
    """Compare the run with the account's last approved recap: claims new, changed or gone, and KPIs that moved."""
    return since_last_approved(service, run_id)
