"""Build run-time objects from settings: the only place that reads the environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tools.settings import Settings, load_settings

if TYPE_CHECKING:
    from tools.store import AccountStore


def settings(db: str | None = None) -> Settings:
    """Return settings from the environment, with `--db` taking precedence."""
    s = load_settings()
    return s.model_copy(update={"db": db}) if db else s


def account_store(db: str | None = None) -> AccountStore:
    """Open (and migrate) the account store named by `--db`, RECAP_DB or ./recap.db."""
    from tools.store import AccountStore  # here: read-only commands never import sqlite-utils

    return AccountStore(settings(db).db)
