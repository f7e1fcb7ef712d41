"""Run routes: read a run, decide on it, inspect its checkpoints, trace a claim, replay."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.auth import ActionableRun, ReadableRun, ServiceDep, UserDep
from api.render import CSP, export
from api.schemas import ReplayRequest, TraceStep, error_responses
from graph.timeline import history, replay, trace
from state.inbox import RunPage
from state.run import CheckpointView, Decision, RunStatus, RunView

router = APIRouter(prefix="/runs", tags=["runs"])


MAX_OFFSET = 2**63 - 1  # the largest integer both databases take (PostgreSQL's bigint, SQLite's INTEGER)


@router.get("", response_model=RunPage, responses=error_responses(401, 422))
def list_runs(
    user: UserDep,
    service: ServiceDep,
    run_status: Annotated[RunStatus | None, Query(alias="status", description="Only runs in this status.")] = None,
    account_id: Annotated[str | None, Query(description="Only runs of this account.")] = None,
    owner: Annotated[str | None, Query(description="Only runs of accounts this user owns.")] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Runs per page.")] = 50,
    offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="Runs to skip (the previous page's `next_offset`).")
    ] = 0,
) -> RunPage:
    """List the runs the caller may see, newest first: an owner their accounts' runs, an admin every run."""
    if not user.admin:
        if owner not in (None, user.user_id):
            return RunPage(runs=[], limit=limit, offset=offset)
        owner = user.user_id
    return service.list_runs([run_status] if run_status else None, account_id, owner, limit, offset)


@router.get("/{run_id}", response_model=RunView, responses=error_responses(401, 404))
def get_run(run_id: ReadableRun, service: ServiceDep) -> RunView:
    """Return the run: status, stop reasons, and its current draft or final recap."""
    return service.get_run(run_id)


@router.post("/{run_id}/resume", response_model=RunView, responses=error_responses(401, 403, 404, 409, 422))
def resume(run_id: ActionableRun, decision: Decision, user: UserDep, service: ServiceDep) -> RunView:
    """Apply the owner's decision (approve, edit or reject) to a run awaiting review."""
    return service.resume(run_id, decision, user.user_id)


@router.get("/{run_id}/history", response_model=list[CheckpointView], responses=error_responses(401, 404))
def run_history(run_id: ReadableRun, service: ServiceDep) -> list[CheckpointView]:
    """List the run's checkpoints, oldest first: id, step, the node that wrote it, time."""
    return history(service, run_id)


@router.get("/{run_id}/trace/{claim_id}", response_model=list[TraceStep], responses=error_responses(401, 404))
def claim_trace(run_id: ReadableRun, claim_id: str, service: ServiceDep) -> list[TraceStep]:
    """Follow one claim through the checkpoints: where it was written and each step that changed it."""
    steps = trace(service, run_id, claim_id)
    if not steps:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"run '{run_id}' has no claim '{claim_id}'")
    return [TraceStep.model_validate(s) for s in steps]


@router.post(
    "/{run_id}/replay",
    response_model=RunView,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 422),
)
def run_replay(run_id: ActionableRun, body: ReplayRequest, user: UserDep, service: ServiceDep) -> RunView:
    """Fork the run from a checkpoint into a new run and run it forward to the review pause."""
    return replay(service, run_id, body.checkpoint_id, user.user_id)


EXPORT_TYPES: dict[str, dict] = {
    t: {} for t in ("text/markdown", "text/html", "application/pdf", "text/plain", "application/json")
}


@router.get(
    "/{run_id}/export",
    response_class=Response,
    responses={**error_responses(401, 404, 409, 422), 200: {"description": "The rendering", "content": EXPORT_TYPES}},
)
def run_export(
    run_id: ReadableRun,
    service: ServiceDep,
    audience: Annotated[Literal["internal", "customer"], Query(description="customer: approved runs only")] = (
        "internal"
    ),
    fmt: Annotated[Literal["md", "json", "html", "pdf", "email"], Query(alias="format")] = "md",
) -> Response:
    """Render the run for the owner (internal) or, once approved, for the customer; 409 when refused."""
    run = service.get_run(run_id)
    rendered = export(run, service.store.bundle(run.account_id), audience, fmt)
    headers = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'inline; filename="{rendered.filename}"',
        "Cache-Control": "no-store",
    }
    return Response(rendered.content, media_type=rendered.media_type, headers=headers)
