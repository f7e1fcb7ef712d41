"""The review pages' plumbing: templates, the session cookie, CSRF checks, form bodies, security headers."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.ui import view
from state.errors import RecapError
from tools.sessions import Session, SessionStore, csrf_matches

HERE = Path(__file__).parent
STATIC = HERE / "static"
SESSION_COOKIE = "recap_session"
SIGNIN_COOKIE = "recap_signin"
CSRF_HEADER = "X-CSRF-Token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["j2", "html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals.update(
    verdict_words=view.VERDICT_WORDS,
    kind_words=view.KIND_WORDS,
    flag_words=view.FLAG_WORDS,
    stop_words=view.STOP_WORDS,
    age=view.age,
    money=view.money,
    can_attest=view.can_attest,
)


class SignInRequired(Exception):
    """The page needs a signed-in browser."""


class CsrfRefused(Exception):
    """The request did not carry this session's CSRF token."""


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template."""
    return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)


def render_fragment(name: str, **context: Any) -> str:
    """Render a template to a string (a piece of a page sent back to the page's script)."""
    return env.get_template(name).render(**context)


def sessions(request: Request) -> SessionStore:
    """Return the app's session store."""
    return request.app.state.ui_sessions


def optional_session(request: Request) -> Session | None:
    """Return the browser's live session, or None."""
    return sessions(request).find(request.cookies.get(SESSION_COOKIE))


def required_session(request: Request) -> Session:
    """Return the browser's session; a browser without one is sent to the sign-in page."""
    session = optional_session(request)
    if session is None:
        raise SignInRequired()
    return session


async def form_fields(request: Request) -> dict[str, str]:
    """Return a urlencoded form body as one value per field (the last one wins)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


FormDep = Annotated[dict[str, str], Depends(form_fields)]
SessionDep = Annotated[Session, Depends(required_session)]


def checked_session(request: Request, form: FormDep) -> Session:
    """Return the session of a form post that carries its CSRF token; refuse one that does not."""
    session = required_session(request)
    if not csrf_matches(session.csrf, form.get("csrf_token")):
        raise CsrfRefused()
    return session


def checked_script_session(request: Request) -> Session:
    """Return the session of a script call that sends its CSRF token in a header; refuse one that does not."""
    session = optional_session(request)
    if session is None or not csrf_matches(session.csrf, request.headers.get(CSRF_HEADER)):
        raise CsrfRefused()
    return session


PostSession = Annotated[Session, Depends(checked_session)]
ScriptSession = Annotated[Session, Depends(checked_script_session)]


def safe_next(target: str | None) -> str:
    """Return a same-site page to go to after signing in (never another host)."""
    if target and target.startswith("/ui") and not target.startswith("//") and "\\" not in target:
        return target
    return "/ui"


def signin_token() -> str:
    """Return a fresh token for the sign-in form's double-submit cookie."""
    return secrets.token_urlsafe(24)


async def to_signin(request: Request, exc: Exception) -> Response:
    """Send a browser without a session to the sign-in page, remembering where it was going."""
    return RedirectResponse(f"/ui/signin?next={quote(request.url.path)}", status_code=303)


async def csrf_refused(request: Request, exc: Exception) -> Response:
    """Refuse a post without its CSRF token: 403, as a page or as JSON for the page's script."""
    message = "Refused: the request did not carry this page's security (CSRF) token. Reload the page and try again."
    if request.headers.get(CSRF_HEADER) is not None or "json" in request.headers.get("content-type", ""):
        return JSONResponse({"detail": message}, status_code=403)
    return render("error.html.j2", 403, title="Request refused", message=message, session=None)


def error_page(exc: RecapError, session: Session | None) -> HTMLResponse:
    """Render a domain error as a page with its status code."""
    titles = {403: "Not yours", 404: "Not found", 409: "Cannot do that now", 422: "Check your input"}
    return render(
        "error.html.j2",
        exc.status_code,
        title=titles.get(exc.status_code, "Something went wrong"),
        message=exc.message,
        session=session,
    )


async def security_headers(request: Request, call_next: Any) -> Response:
    """Add the Content-Security-Policy and friends to every /ui response."""
    response = await call_next(request)
    if request.url.path == "/ui" or request.url.path.startswith("/ui/"):
        response.headers.update(SECURITY_HEADERS)
    return response
