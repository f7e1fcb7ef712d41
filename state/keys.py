"""What an API key's holder and an admin may see of a key: never the key itself."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

KeyStatus = Literal["active", "expired", "revoked"]


class KeyInfo(BaseModel):
    """One API key as listed: who holds it, what it may do, and whether it still works."""

    key_id: str = Field(description="A public id of the key (the start of its hash), for `recap keys revoke`.")
    user_id: str
    admin: bool
    created_at: str
    expires_at: str | None = None
    revoked_at: str | None = None
    status: KeyStatus
