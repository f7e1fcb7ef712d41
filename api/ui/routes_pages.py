"""The review pages a browser reads: sign in and out, the inbox, a run's review page and its timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.auth import ServiceDep
from api.ui import access, view
from api.ui.web import (
    SESSION_COOKIE,
    SIGNIN_COOKIE,
    FormDep,
    PostSession,
    SessionDep,
    csrf_matches,
    error_page,
    render,
    safe_next,
    sessions,
    signin_token,
)
from graph.timeline import history, trace
from state.errors import RecapError
from state.inbox import RunPage
from state.run import RunStatus

router = APIRouter(prefix="/ui", include_in_schema=False)
NOTICES = {
    "approved": "Approved. The recap is final.",
    "rejected": "Rejected. Your comment was kept with the run.",
    "edited": "Saved and verified again.",
    "removed": "Claim removed; the draft was verified again.",
    "attested": "Attested by you; the claim stays unverifiable and is marked as attested.",
    "added": "Claim added and verified.",
    "replayed": "Replayed: this is the new run forked from that step.",
    "started": "Recap drafted: it waits for your review.",
    "logged": "Logged. It counts in the outcomes report (recap report).",
}
PAGE = 25


def _cookie_secure(request: Request) -> bool:
    return request.url.scheme == "https"


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query's name
    """Show the sign-in form (an API key from `recap keys create`)."""
    token = signin_token()
    response = render("signin.html.j2", csrf=token, next=safe_next(next), error=None, session=None)
    response.set_cookie(
        SIGNIN_COOKIE, token, httponly=True, samesite="strict", path="/ui", secure=_cookie_secure(request)
    )
    return response


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, form: FormDep) -> Response:
    """Sign in with an API key: a session cookie (httponly, SameSite=Strict) replaces the key."""
    given = form.get("csrf_token")
    if not csrf_matches(request.cookies.get(SIGNIN_COOKIE, ""), given):
        return render(
            "signin.html.j2",
            403,
            csrf=given or "",
            next=safe_next(form.get("next")),
            session=None,
            error="The sign-in form expired. Reload the page and try again.",
        )
    opened = sessions(request).open(form.get("api_key", "").strip())
    if opened is None:
        return render(
            "signin.html.j2",
            401,
            csrf=given,
            next=safe_next(form.get("next")),
            session=None,
            error="That API key is not valid. Create one with `recap keys create USER_ID`.",
        )
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        opened[0],
        httponly=True,
        samesite="strict",
        path="/ui",
        secure=_cookie_secure(request),
        max_age=12 * 3600,
    )
    response.delete_cookie(SIGNIN_COOKIE, path="/ui")
    return response


@router.post("/signout")
def signout(request: Request, session: PostSession) -> Response:
    """End the session and forget the cookie."""
    sessions(request).close(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/ui/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/ui")
    return response


def _lists(
    service: ServiceDep, session: SessionDep, status: str | None, account: str | None, offset: int
) -> tuple[RunPage | None, RunPage]:
    owner = access.visible_owner(session)
    if status is not None:
        return None, service.list_runs([status], account, owner, PAGE, offset)
    waiting = service.list_runs(["awaiting_review"], account, owner, 100, 0)
    others = service.list_runs(["approved", "rejected", "failed", "running"], account, owner, PAGE, offset)
    return waiting, others


@router.get("", response_class=HTMLResponse)
def inbox(
    request: Request,
    service: ServiceDep,
    session: SessionDep,
    status: Annotated[str | None, Query()] = None,
    account: Annotated[str | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The inbox: runs awaiting my review first, then recent decisions, and my accounts to recap."""
    chosen = status if status in RunStatus.__args__ else None  # type: ignore[attr-defined]
    waiting, others = _lists(service, session, chosen, account or None, offset)
    return render(
        "inbox.html.j2",
        session=session,
        waiting=waiting,
        others=others,
        status=chosen or "",
        account=account or "",
        accounts=access.visible_accounts(service, session),
        statuses=RunStatus.__args__,  # type: ignore[attr-defined]
        notice=None,
        error=None,
    )


def review_response(
    service: ServiceDep,
    session: SessionDep,
    run_id: str,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    """Render a run's review page (with a notice or an error from the last action)."""
    try:
        access.readable_run(service, session, run_id)
        run = service.get_run(run_id)
        bundle = service.store.bundle(run.account_id)
    except RecapError as exc:
        return error_page(exc, session)
    return render(
        "review.html.j2",
        status_code,
        session=session,
        run=run,
        account=bundle.account,
        sections=view.section_list(run.recap),
        cards=view.record_cards(bundle, view.cited_ids(run.recap)),
        blocked=view.approval_block(run),
        singular=view.singular_ids(run.recap),
        goal_names={o.id: o.name for o in bundle.objectives},
        field_titles=view.VALUE_FIELD_TITLES,
        notice=notice,
        error=error,
    )


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def review(run_id: str, service: ServiceDep, session: SessionDep, done: str | None = None) -> Response:
    """The review page: the recap by section and the value recap, claim by claim, with the owner's actions."""
    return review_response(service, session, run_id, notice=NOTICES.get(done or ""))


@router.get("/runs/{run_id}/history", response_class=HTMLResponse)
def timeline(run_id: str, service: ServiceDep, session: SessionDep, claim: str | None = None) -> Response:
    """The timeline: checkpoints with node, time and what changed; a claim's trace; replay from a step."""
    try:
        access.readable_run(service, session, run_id)
        run = service.get_run(run_id)
        steps = history(service, run_id)
    except RecapError as exc:
        return error_page(exc, session)
    claims = list(run.recap.all_claims()) if run.recap else []
    traced = trace(service, run_id, claim) if claim else []
    return render(
        "history.html.j2",
        session=session,
        run=run,
        steps=steps,
        claims=claims,
        claim_id=claim,
        traced=traced,
        notice=None,
        error=None,
    )
