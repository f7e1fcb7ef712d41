"""What the model fills in: small structured-output shapes, built per prompt.

Citations (and recommendation owners) are enums of the ids in that prompt's data block, so a
server that turns the schema into a grammar (llama.cpp) can only cite records the model was shown,
and any other server's answer fails validation and gets one repair attempt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

MAX_CLAIMS = 5
MAX_CITATIONS = 5
MAX_TEXT = 400

TEXT_HELP = (
    "One plain sentence for the account owner. Every fact, number, date and name in it is copied "
    "from the cited records."
)
CITATIONS_HELP = "Ids of the records in the data block that back every fact in the sentence."
FACTS_HELP = (
    "Every recorded fact the sentence states, one entry per value: the record it comes from, the field "
    "(or the derived quantity) and the value. A sentence may state nothing the facts do not list."
)
FACT_RECORD_HELP = "Id of the record (from the data block) that holds the value."
FACT_FIELD_HELP = (
    "The record's field as named in the data block (for example baseline, current, target, status, name, "
    "title, role, score, due_date, completed_date, severity), or a derived quantity: difference, "
    "percent_change, progress, count."
)
FACT_VALUE_HELP = "The value exactly as the record gives it, or the derived value as the sentence states it."
MAX_FACTS = 8
MAX_FIELD = 40
OWNER_HELP = "Who should do it: the account owner's user id or the id of a contact from the data block."
DUE_HELP = "Proposed due date (YYYY-MM-DD), after the as-of date."


class _Out(BaseModel):
    """Base of every generated shape: extra keys are an error, so a wrong shape gets repaired."""

    model_config = ConfigDict(extra="forbid")


def _enum(values: list[str]) -> Any:
    """Return a Literal type of `values` (at least one value)."""
    return Literal[tuple(dict.fromkeys(values))]  # type: ignore[valid-type]


def _list_of(item: Any) -> Any:
    """Return list[item] for a type built at run time."""
    return list[item]  # type: ignore[valid-type]


def fact_model(ids: list[str]) -> type[BaseModel]:
    """Return the shape of one fact a claim relies on: a value of one of `ids`, in its role."""
    return create_model(
        "Fact",
        __base__=_Out,
        __doc__="One recorded (or derived) value the sentence states.",
        record_id=(_enum(ids), Field(description=FACT_RECORD_HELP)),
        field=(str, Field(min_length=1, max_length=MAX_FIELD, description=FACT_FIELD_HELP)),
        value=(str | float, Field(description=FACT_VALUE_HELP)),
    )


def claim_model(ids: list[str]) -> type[BaseModel]:
    """Return the shape of one claim citing only `ids`, with the facts it relies on."""
    return create_model(
        "Claim",
        __base__=_Out,
        __doc__="One sentence with the records that back it and the facts it states.",
        text=(str, Field(min_length=1, max_length=MAX_TEXT, description=TEXT_HELP)),
        citations=(_list_of(_enum(ids)), Field(min_length=1, max_length=MAX_CITATIONS, description=CITATIONS_HELP)),
        facts=(_list_of(fact_model(ids)), Field(min_length=1, max_length=MAX_FACTS, description=FACTS_HELP)),
    )


def repair_model(ids: list[str], count: int) -> type[BaseModel]:
    """Return the shape of a repair: exactly `count` rewritten claims, in the order they were named."""
    bounds = Field(min_length=count, max_length=count, description="The rewritten claims, in the order given.")
    return create_model(
        "RepairedClaims",
        __base__=_Out,
        __doc__="Rewritten claims that the verifier can check.",
        claims=(_list_of(claim_model(ids)), bounds),
    )


def recommendation_model(ids: list[str], owners: list[str]) -> type[BaseModel]:
    """Return the shape of one recommendation citing only `ids`, owned by one of `owners`."""
    return create_model(
        "Recommendation",
        __base__=claim_model(ids),
        __doc__="One recommended action with who should do it and by when.",
        owner=(_enum(owners), Field(description=OWNER_HELP)),
        due=(dt.date, Field(description=DUE_HELP)),
    )


def section_model(ids: list[str], owners: list[str] | None = None, least: int = 0) -> type[BaseModel]:
    """Return the answer shape for one section (at least `least` claims); recommendations when `owners`."""
    item = recommendation_model(ids, owners) if owners else claim_model(ids)
    bounds = Field(min_length=least, max_length=MAX_CLAIMS, description="The section's claims, most important first.")
    return create_model(
        "SectionDraft", __base__=_Out, __doc__="The claims of one recap section.", claims=(_list_of(item), bounds)
    )


def goal_model(ids: list[str], owners: list[str]) -> type[BaseModel]:
    """Return the answer shape for the value recap of one customer goal."""
    claim = claim_model(ids)

    def many(help_text: str, most: int = 3) -> tuple[Any, Any]:
        return _list_of(claim), Field(max_length=most, description=help_text)

    return create_model(
        "GoalRecap",
        __base__=_Out,
        __doc__="The value recap of one customer goal.",
        goal=(claim, Field(description="The customer's original goal and the challenge behind it.")),
        delivered_work=many("Work delivered for the goal: completed tasks and playbooks."),
        evidence=many("Measured evidence: KPI values with baseline, current and target; usage data."),
        outcome=(claim, Field(description="The customer outcome so far, or that none is proven yet.")),
        open_risk=many("Open risks or gaps for this goal.", 2),
        next_recommendation=(recommendation_model(ids, owners), Field(description="The next step for the goal.")),
        caveats=many("Doubts about attribution or missing proof for this goal.", 2),
    )


def judge_model() -> type[BaseModel]:
    """Return the judge's answer shape."""
    return create_model(
        "Verdict",
        __base__=_Out,
        __doc__="Whether the cited records support the claim.",
        supported=(bool, Field(description="True only if the cited records state everything the claim says.")),
        reason=(str, Field(max_length=MAX_TEXT, description="If not supported: what the records do not back.")),
    )
