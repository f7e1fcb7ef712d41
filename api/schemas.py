"""Request and response bodies of the HTTP API that are not domain models of their own."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from state.recap import Verdict


class Health(BaseModel):
    """The service is up."""

    status: Literal["ok"] = "ok"


class LoadedAccount(BaseModel):
    """What one bundle load stored."""

    account_id: str
    name: str
    owner: str
    replaced: bool = Field(description="True when the account existed and its records were replaced.")
    counts: dict[str, int] = Field(description="Records stored, by record type.")


class ReplayRequest(BaseModel):
    """Fork a run from one of its checkpoints."""

    model_config = ConfigDict(extra="forbid")

    checkpoint_id: StrictStr = Field(min_length=1, description="A checkpoint id from the run's history.")


class Metrics(BaseModel):
    """Measurement event counts (spec section 7)."""

    counts: dict[str, int]


class TraceStep(BaseModel):
    """One checkpoint where a claim appeared or changed."""

    checkpoint_id: str
    step: int | None = None
    node: str | None = None
    text: str
    citations: list[str] = Field(default_factory=list)
    verified: bool = True
    verdict: Verdict = "unverifiable"
    supported: bool
    reasons: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    attested_by: str | None = None
    attested_at: str | None = None


class ErrorBody(BaseModel):
    """An error: `detail` says what went wrong (a list of problems for an invalid bundle)."""

    detail: str | list[str] | list[dict[str, object]]


class RefusedBody(BaseModel):
    """A refused approval: the message and the ids of the claims that must be edited, removed or attested."""

    detail: str
    unsupported_claims: list[str] = Field(default_factory=list)


def error_responses(*codes: int) -> dict[int | str, dict[str, object]]:
    """Return the OpenAPI `responses` entry documenting these error statuses."""
    text = {
        401: "Missing or unknown API key.",
        403: "Someone else's account or run.",
        404: "Unknown (or not yours to see).",
        409: "The run is not awaiting review, or approval was refused.",
        422: "Invalid input; the detail names the bad fields.",
        503: "The language model is unreachable.",
    }
    return {code: {"model": RefusedBody if code == 409 else ErrorBody, "description": text[code]} for code in codes}
