"""Who may see and act on what in the review pages: the API's owner and admin rules, for a session."""

from __future__ import annotations

from typing import Any

from api.auth import owns
from graph.service import RecapService
from state.errors import Forbidden, UnknownRun
from tools.sessions import Session


def readable_run(service: RecapService, session: Session, run_id: str) -> None:
    """Raise UnknownRun unless the session may read the run (someone else's run does not exist for them)."""
    if not owns(session.user, service.store.owner(service.run_account(run_id))):
        raise UnknownRun(f"unknown run '{run_id}'")


def actionable_run(service: RecapService, session: Session, run_id: str) -> None:
    """Raise UnknownRun for an unknown run, Forbidden for someone else's."""
    if not owns(session.user, service.store.owner(service.run_account(run_id))):
        raise Forbidden(f"run '{run_id}' belongs to an account of another owner")


def actionable_account(service: RecapService, session: Session, account_id: str) -> None:
    """Raise UnknownAccount for an unknown account, Forbidden for someone else's."""
    if not owns(session.user, service.store.owner(account_id)):
        raise Forbidden(f"account '{account_id}' belongs to another owner")


def visible_owner(session: Session) -> str | None:
    """Return the owner to filter lists by: the user, or None (everyone) for an admin."""
    return None if session.user.admin else session.user.user_id


def visible_accounts(service: RecapService, session: Session) -> list[dict[str, Any]]:
    """Return the accounts the session may see (an owner's own, an admin's all), by name."""
    return service.store.account_summaries(visible_owner(session))
