"""The owner's review pages under /ui: server-rendered, a little local JavaScript, the run service underneath."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.ui import routes_actions, routes_pages
from api.ui.web import STATIC, CsrfRefused, SignInRequired, csrf_refused, security_headers, to_signin
from tools.sessions import SessionStore


def install(app: FastAPI) -> None:
    """Mount the review pages, their static files and security headers on the API app."""
    app.state.ui_sessions = SessionStore(app.state.service.settings.db, app.state.keys)
    app.include_router(routes_pages.router)
    app.include_router(routes_actions.router)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    app.add_exception_handler(SignInRequired, to_signin)
    app.add_exception_handler(CsrfRefused, csrf_refused)
    app.middleware("http")(security_headers)
