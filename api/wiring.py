"""Build run-time objects from settings: the only place that reads the environment."""

from __future__ import annotations

from tools.settings import Settings, load_settings
from tools.store import AccountStore


def settings(db: str | None = None) -> Settings:
    """Return settings from the environment, with `--db` taking precedence."""
    s = load_settings()
    return s.model_copy(update={"db": db}) if db else s


def account_store(db: str | None = None) -> AccountStore:
    """Open (and migrate) the account store named by `--db`, RECAP_DB or ./recap.db."""
    return AccountStore(settings(db).db)
