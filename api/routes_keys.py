"""Key routes (admin only): list API keys and revoke one; a revoked key gets 401 on its next call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from api.auth import UserDep, get_keys
from api.schemas import error_responses
from state.errors import Forbidden
from state.keys import KeyInfo
from tools.keys import ApiUser, KeyStore

router = APIRouter(prefix="/keys", tags=["keys"])
KeysDep = Annotated[KeyStore, Depends(get_keys)]


def admin(user: UserDep) -> ApiUser:
    """Return the caller if they hold an admin key; 403 otherwise."""
    if not user.admin:
        raise Forbidden("only an admin key may manage API keys")
    return user


AdminDep = Annotated[ApiUser, Depends(admin)]


@router.get("", response_model=list[KeyInfo], responses=error_responses(401, 403))
def list_keys(_: AdminDep, keys: KeysDep) -> list[KeyInfo]:
    """List every API key, oldest first: holder, admin flag, created, expires, revoked (never the key)."""
    return keys.list_keys()


@router.delete("/{key_id}", response_model=KeyInfo, responses=error_responses(401, 403, 404))
def revoke_key(key_id: Annotated[str, Path(max_length=200)], _: AdminDep, keys: KeysDep) -> KeyInfo:
    """Revoke a key by its id (from `GET /keys`); revoking a revoked key changes nothing."""
    return keys.revoke(key_id)
