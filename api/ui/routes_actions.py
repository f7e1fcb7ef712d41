"""What a browser asks the service to do: decide on a run, edit a claim in place, start a recap, replay."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.auth import ServiceDep
from api.ui import access, view
from api.ui.routes_pages import review_response
from api.ui.web import FormDep, PostSession, ScriptSession, error_page, render_fragment
from graph.outcomes import log_outcome
from graph.timeline import replay
from state.errors import InputInvalid, RecapError
from state.outcomes import OutcomeInput
from state.run import Decision, RunView
from state.validation import format_loc
from tools.sessions import Session

router = APIRouter(prefix="/ui", include_in_schema=False)
DONE = {
    "approve": "approved",
    "reject": "rejected",
    "edit": "edited",
    "remove": "removed",
    "attest": "attested",
    "add": "added",
}


def citation_list(text: str | None) -> list[str]:
    """Split record ids typed by a person ("kpi-nw-1, act-nw-2" or one per line)."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def _optional(form: dict[str, str], name: str) -> str | None:
    value = form.get(name, "").strip()
    return value or None


def _edits(action: str, form: dict[str, str]) -> dict[str, Any]:
    claim_id = form.get("claim_id", "")
    if action == "remove":
        return {"remove": [claim_id]}
    if action == "attest":
        return {"attest": [claim_id]}
    if action == "edit":
        text = form.get("text", "").strip()
        if not text:
            raise InputInvalid("edits.edit[0].text: the claim's text cannot be empty (use Remove to drop a claim)")
        change: dict[str, Any] = {"id": claim_id, "text": text}
        if "citations" in form:
            change["citations"] = citation_list(form["citations"])
        return {"edit": [change]}
    return {
        "add": [
            {
                "section": form.get("section", ""),
                "text": form.get("text", "").strip(),
                "citations": citation_list(form.get("citations")),
                "owner": _optional(form, "owner"),
                "due": _optional(form, "due"),
            }
        ]
    }


def decision_from_form(action: str, form: dict[str, str]) -> Decision:
    """Build the owner's decision from a review-page form; InputInvalid names what is wrong."""
    if action not in DONE:
        raise InputInvalid(f"action: must be one of {', '.join(DONE)}, not '{action}'")
    raw: dict[str, Any] = {"decision": action, "comment": _optional(form, "comment")}
    if action not in ("approve", "reject"):
        raw = {"decision": "edit", "edits": _edits(action, form)}
    try:
        return Decision.model_validate(raw)
    except ValidationError as exc:
        raise InputInvalid("; ".join(f"{format_loc(e['loc'])}: {e['msg']}" for e in exc.errors())) from None


@router.post("/runs/{run_id}/decision")
def decide(run_id: str, form: FormDep, session: PostSession, service: ServiceDep) -> Response:
    """Apply a decision from the review page: approve, reject, edit, remove, attest or add a claim."""
    action = form.get("action", "")
    try:
        access.actionable_run(service, session, run_id)
    except RecapError as exc:
        return error_page(exc, session)
    try:
        decision = decision_from_form(action, form)
        run = service.resume(run_id, decision, session.user.user_id, seen_updated_at=form.get("updated_at") or "")
    except RecapError as exc:
        return review_response(service, session, run_id, error=exc.message, status_code=exc.status_code)
    claim = run.recap.claim(form.get("claim_id", "")) if run.recap else None
    if action == "attest" and (claim is None or claim.attested_by is None):
        return review_response(
            service,
            session,
            run_id,
            status_code=409,
            error="The claim was not attested: only an unverifiable claim can be attested.",
        )
    return RedirectResponse(f"/ui/runs/{run_id}?done={DONE[action]}#claim-{form.get('claim_id', '')}", status_code=303)


def _claim_payload(run: RunView, claim_id: str, service: ServiceDep, session: Session) -> dict[str, Any]:
    claim = run.recap.claim(claim_id) if run.recap else None
    bundle = service.store.bundle(run.account_id)
    html = None
    if claim is not None:
        html = render_fragment(
            "claim_fragment.html.j2",
            run=run,
            claim=claim,
            session=session,
            singular=view.singular_ids(run.recap),
            cards=view.record_cards(bundle, claim.citations),
        )
    return {
        "claim_id": claim_id,
        "claim_html": html,
        "verdict": claim.verdict if claim else None,
        "updated_at": run.updated_at,
        "approve_blocked": view.approval_block(run),
        "banner_html": render_fragment("banner_fragment.html.j2", run=run, session=session),
    }


@router.post("/runs/{run_id}/claims/{claim_id}")
def edit_claim(
    run_id: str, claim_id: str, body: dict[str, Any], session: ScriptSession, service: ServiceDep
) -> JSONResponse:
    """Edit one claim from the page's script, verify it again, and return the claim as it now reads."""
    form = {"claim_id": claim_id, "text": str(body.get("text") or "")}
    if body.get("citations") is not None:
        form["citations"] = str(body["citations"])
    try:
        access.actionable_run(service, session, run_id)
        decision = decision_from_form("edit", form)
        run = service.resume(run_id, decision, session.user.user_id, seen_updated_at=str(body.get("updated_at")))
        return JSONResponse(_claim_payload(run, claim_id, service, session))
    except RecapError as exc:
        return JSONResponse({"detail": exc.message}, status_code=exc.status_code)


@router.post("/accounts/{account_id}/runs")
def generate(account_id: str, session: PostSession, service: ServiceDep) -> Response:
    """Draft a recap of one of my accounts (the "Generate recap" button) and open it."""
    try:
        access.actionable_account(service, session, account_id)
        run = service.start_run(account_id, session.user.user_id)
    except RecapError as exc:
        return error_page(exc, session)
    return RedirectResponse(f"/ui/runs/{run.run_id}?done=started", status_code=303)


OUTCOME_FIELDS = ("event", "text", "contact_id", "decision", "audience", "channel", "amount", "date")


@router.post("/runs/{run_id}/events")
def log_event(run_id: str, form: FormDep, session: PostSession, service: ServiceDep) -> Response:
    """Log an outcome of an approved recap from its page (the same rules as POST /runs/{run_id}/events)."""
    try:
        access.actionable_run(service, session, run_id)
    except RecapError as exc:
        return error_page(exc, session)
    raw = {f: form[f].strip() for f in OUTCOME_FIELDS if form.get(f, "").strip()}
    try:
        item = OutcomeInput.model_validate(raw)
        log_outcome(service, run_id, item, session.user.user_id)
    except ValidationError as exc:
        message = "; ".join(f"{format_loc(e['loc']) or 'event'}: {e['msg']}" for e in exc.errors())
        return review_response(service, session, run_id, error=message, status_code=422)
    except RecapError as exc:
        return review_response(service, session, run_id, error=exc.message, status_code=exc.status_code)
    return RedirectResponse(f"/ui/runs/{run_id}?done=logged", status_code=303)


@router.post("/runs/{run_id}/replay")
def replay_from(run_id: str, form: FormDep, session: PostSession, service: ServiceDep) -> Response:
    """Fork the run from a checkpoint ("replay from here") and open the new run."""
    try:
        access.actionable_run(service, session, run_id)
        run = replay(service, run_id, form.get("checkpoint_id", ""), session.user.user_id)
    except RecapError as exc:
        return error_page(exc, session)
    return RedirectResponse(f"/ui/runs/{run.run_id}?done=replayed", status_code=303)
