"""Helpers shared by the HTTP tests: roles, account ids, bundle copies, auth headers."""

from __future__ import annotations

import json
from dataclasses import dataclass

OWNER, OTHER, ADMIN = "u-maria", "u-omar", "u-admin"
ACCOUNT, OTHER_ACCOUNT = "acc-northwind", "acc-other"


def copy_bundle(bundle: dict, tag: str, owner: str | None = None) -> dict:
    """Return the example bundle under a new account id and record ids (`acc-TAG`, `kpi-TAG-1`, ...)."""
    text = json.dumps(bundle).replace('"acc-northwind"', f'"acc-{tag}"').replace("-nw-", f"-{tag}-")
    out = json.loads(text)
    if owner is not None:
        out["account"]["owner"] = owner
    return out


@dataclass(frozen=True)
class Keys:
    """One key per role the tests act as."""

    owner: str
    other: str
    admin: str

    def header(self, role: str) -> dict[str, str]:
        """Return the Authorization header of a role (`none`: no header at all)."""
        key = {"owner": self.owner, "other_user": self.other, "admin": self.admin}.get(role)
        return {"Authorization": f"Bearer {key}"} if key else {}
