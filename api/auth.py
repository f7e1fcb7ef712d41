"""Who is calling and what they may touch: bearer keys, owners and admins.

Reads of something the caller may not see answer 404 (as if it did not exist); decisions and
actions on something they may not touch answer 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.service import RecapService
from state.errors import Forbidden, UnknownAccount, UnknownRun
from tools.keys import ApiUser, KeyStore

bearer = HTTPBearer(auto_error=False, description="An API key from `recap keys create USER_ID`.")


def get_service(request: Request) -> RecapService:
    """Return the app's service."""
    return request.app.state.service


def get_keys(request: Request) -> KeyStore:
    """Return the app's key store."""
    return request.app.state.keys


ServiceDep = Annotated[RecapService, Depends(get_service)]


def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    keys: Annotated[KeyStore, Depends(get_keys)],
) -> ApiUser:
    """Return the key's holder; 401 when the key is missing or unknown."""
    user = keys.lookup(credentials.credentials) if credentials else None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "missing or invalid API key", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


UserDep = Annotated[ApiUser, Depends(current_user)]


def owns(user: ApiUser, owner: str) -> bool:
    """Return whether the user may act on an account with this owner."""
    return user.admin or user.user_id == owner


def readable_account(account_id: Annotated[str, Path()], user: UserDep, service: ServiceDep) -> str:
    """Return the account id if the caller may read it; 404 otherwise (unknown or someone else's)."""
    if not owns(user, service.store.owner(account_id)):
        raise UnknownAccount(f"unknown account '{account_id}'")
    return account_id


def actionable_account(account_id: Annotated[str, Path()], user: UserDep, service: ServiceDep) -> str:
    """Return the account id if the caller may act on it; 404 if unknown, 403 if someone else's."""
    if not owns(user, service.store.owner(account_id)):
        raise Forbidden(f"account '{account_id}' belongs to another owner")
    return account_id


def readable_run(run_id: Annotated[str, Path()], user: UserDep, service: ServiceDep) -> str:
    """Return the run id if the caller may read it; 404 otherwise (unknown or someone else's)."""
    if not owns(user, service.store.owner(service.run_account(run_id))):
        raise UnknownRun(f"unknown run '{run_id}'")
    return run_id


def actionable_run(run_id: Annotated[str, Path()], user: UserDep, service: ServiceDep) -> str:
    """Return the run id if the caller may decide on it; 404 if unknown, 403 if someone else's."""
    if not owns(user, service.store.owner(service.run_account(run_id))):
        raise Forbidden(f"run '{run_id}' belongs to an account of another owner")
    return run_id


ReadableAccount = Annotated[str, Depends(readable_account)]
ActionableAccount = Annotated[str, Depends(actionable_account)]
ReadableRun = Annotated[str, Depends(readable_run)]
ActionableRun = Annotated[str, Depends(actionable_run)]
