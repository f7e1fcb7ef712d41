"""What happened after an approved recap was used (the seed's measurement plan, contract section 7)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator, model_validator

OutcomeKind = Literal["recap_shared", "customer_question", "customer_decision", "renewal_supported", "expansion_action"]
OUTCOME_KINDS: tuple[str, ...] = OutcomeKind.__args__  # type: ignore[attr-defined]
DecisionKind = Literal["renewed", "expanded", "reduced", "paused", "churned", "other"]
DECISION_KINDS: tuple[str, ...] = DecisionKind.__args__  # type: ignore[attr-defined]
# What each kind must say beyond its name; everything else is optional.
REQUIRED: dict[str, tuple[str, ...]] = {
    "recap_shared": ("audience", "channel"),
    "customer_question": ("text", "contact_id"),
    "customer_decision": ("decision",),
    "renewal_supported": (),
    "expansion_action": ("text",),
}


class OutcomeInput(BaseModel):
    """One thing that happened after the recap was shared, as the owner reports it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    event: OutcomeKind
    key: StrictStr | None = Field(
        None, min_length=1, max_length=200, description="Idempotency key: logging the same key again changes nothing."
    )
    text: StrictStr | None = Field(
        None, min_length=1, max_length=4000, description="The question, the note on a decision, or what the action was."
    )
    contact_id: StrictStr | None = Field(None, description="Who asked or decided: a contact of the account.")
    decision: DecisionKind | None = None
    audience: Literal["internal", "customer"] | None = None
    channel: StrictStr | None = Field(None, min_length=1, max_length=100, description="e.g. email, QBR deck, call")
    amount: float | None = Field(None, ge=0, description="Optional amount of an expansion action (ARR currency).")
    date: StrictStr | None = Field(None, description="When it happened (ISO date); default today.")

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError("must be an ISO date such as 2026-12-01") from None
        return value

    @model_validator(mode="after")
    def _required_for_kind(self) -> OutcomeInput:
        missing = [f for f in REQUIRED[self.event] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"{self.event} needs {', '.join(missing)}")
        if self.decision is not None and self.event != "customer_decision":
            raise ValueError(f"decision is only allowed on customer_decision, not {self.event}")
        if self.amount is not None and self.event != "expansion_action":
            raise ValueError(f"amount is only allowed on expansion_action, not {self.event}")
        return self


class Outcome(OutcomeInput):
    """An outcome as stored: the input plus its run, account, actor and time."""

    run_id: str
    account_id: str
    actor: str
    time: str
    created: bool = Field(True, description="False when this key was logged before and nothing changed.")
