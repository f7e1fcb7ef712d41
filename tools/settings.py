"""Settings, read once by the CLI and API wiring (environment variables prefixed RECAP_)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from state.errors import InputInvalid
from tools.drafting.bound import DEFAULT_CLAIM_LIMITS


class Settings(BaseSettings):
    """Everything an operator can configure; see the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="RECAP_", extra="ignore")

    db: str = Field("recap.db", description="SQLite file for accounts, runs and checkpoints.")
    database_url: str | None = Field(None, description="postgresql://... : keep everything in PostgreSQL instead.")
    run_in_workers: bool = Field(False, description="Queue runs for `recap worker` processes (needs database_url).")
    worker_concurrency: int = Field(4, ge=1, le=64, description="Runs one `recap worker` process works at once.")
    worker_stalled_after: float = Field(30.0, gt=0, description="Seconds of worker silence before its runs move.")
    pg_pool_size: int = Field(10, ge=1, le=200, description="PostgreSQL connections per pool and process.")
    llm: str = Field("offline", description="`offline` or `openai:MODEL`.")
    llm_method: str = Field("function_calling", description="Structured-output method for ChatOpenAI.")
    llm_timeout: float = Field(60.0, description="Seconds before one LLM call times out.")
    llm_judge: bool = Field(False, description="Let an LLM judge add doubt to qualitative claims.")
    llm_concurrency: int = Field(8, ge=1, le=256, description="LLM calls in flight at once, across all runs.")
    llm_rpm: int = Field(0, ge=0, description="LLM calls started per minute, across all runs (0: no limit).")
    section_token_budget: int = Field(1500, description="Evidence tokens per section prompt.")
    progress_threshold: float = Field(0.5, description="KPI progress needed for an achievement.")
    max_achievements: int = Field(5, description="Most achievements listed.")
    claim_limits: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_CLAIM_LIMITS),
        description="Most claims per part, as JSON; parts not named keep their default (at most 59 claims in all).",
    )
    as_of: str | None = Field(None, description="Date the recap is written as of (default today).")
    max_bundle_mb: int = Field(100, description="Largest bundle file `recap ingest` reads, in MB.")
    max_body_mb: int | None = Field(
        None,
        ge=1,
        description="Largest HTTP request body, in MB "
        "(default: RECAP_MAX_BUNDLE_MB, so any bundle ingest accepts can be PUT).",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(1, ge=1, le=64, description="Server processes `recap serve` starts.")
    server_id: str | None = Field(None, description="Set by `recap serve` for its workers: one recovery lease.")
    lease_ttl: float = Field(15.0, gt=0, description="Seconds the start-up recovery lease lasts unrenewed.")

    def body_limit_bytes(self) -> int:
        """Return the largest request body the API reads, in bytes."""
        return (self.max_body_mb or self.max_bundle_mb) * 1024 * 1024

    @field_validator("claim_limits")
    @classmethod
    def _known_parts(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(DEFAULT_CLAIM_LIMITS))
        if unknown:
            raise ValueError(f"unknown part(s) {', '.join(unknown)}; known: {', '.join(DEFAULT_CLAIM_LIMITS)}")
        if any(n < 0 for n in value.values()):
            raise ValueError("limits must not be negative")
        return {**DEFAULT_CLAIM_LIMITS, **value}

    @model_validator(mode="after")
    def _postgres_replaces_the_file(self) -> Settings:
        """With RECAP_DATABASE_URL set, every store and the checkpoints live there (the SQLite file is unused)."""
        if self.database_url:
            self.db = self.database_url
        elif self.run_in_workers:
            raise ValueError("RECAP_RUN_IN_WORKERS needs RECAP_DATABASE_URL: workers share runs through PostgreSQL")
        return self

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        from tools.db import is_postgres  # here: settings of a SQLite store load without sqlite-utils

        if not is_postgres(value):
            raise ValueError("must start with postgresql:// or postgres://")
        return value

    @field_validator("as_of")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError("must be an ISO date (YYYY-MM-DD)") from None
        return value


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment; a bad value is one InputInvalid naming its variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = [
            (f"RECAP_{str(e['loc'][0]).upper()}: " if e["loc"] else "") + str(e["msg"]).removeprefix("Value error, ")
            for e in exc.errors()
        ]
        raise InputInvalid("; ".join(problems)) from None
