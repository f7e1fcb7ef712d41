"""Outcome routes: log what happened after an approved recap, and the report on it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth import ActionableRun, ServiceDep, UserDep
from api.schemas import error_responses
from graph.outcomes import log_outcome, report
from state.errors import Forbidden
from state.outcomes import Outcome, OutcomeInput
from tools.report import Report

router = APIRouter(tags=["outcomes"])


@router.post(
    "/runs/{run_id}/events",
    response_model=Outcome,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": Outcome, "description": "This key was logged before; nothing changed."},
        **error_responses(401, 403, 404, 409, 422),
    },
)
def log_event(
    run_id: ActionableRun, item: OutcomeInput, user: UserDep, service: ServiceDep, response: Response
) -> Outcome:
    """Log an outcome of an approved recap (owner or admin); the same `key` twice logs it once."""
    outcome = log_outcome(service, run_id, item, user.user_id)
    if not outcome.created:
        response.status_code = status.HTTP_200_OK
    return outcome


@router.get("/reports/summary", response_model=Report, responses=error_responses(401, 403, 422))
def summary(
    user: UserDep,
    service: ServiceDep,
    owner: Annotated[str | None, Query(description="One owner's figures (admins only for others).")] = None,
    since: Annotated[
        str | None, Query(description="Only what happened on or after this ISO date.", pattern=r"^\d{4}-\d{2}-\d{2}$")
    ] = None,
) -> Report:
    """Report recaps, decisions and customer outcomes over the caller's accounts (an admin: every account)."""
    if not user.admin:
        if owner not in (None, user.user_id):
            raise Forbidden("owner: you may only report on your own accounts")
        owner = user.user_id
    return report(service, owner=owner, since=since)
