"""The account bundle: one account and every record associated with it (spec section 2)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictStr


def _iso_date(value: Any) -> Any:
    """Accept only ISO 8601 date strings (`2026-10-02`, or a full timestamp), not numbers."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
            if len(value) > 10:
                dt.datetime.fromisoformat(value)
            return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    raise ValueError("must be an ISO date (YYYY-MM-DD)")


def _number(value: Any) -> Any:
    """Accept JSON numbers only: not strings, not booleans."""
    if value is None:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    return value


def _null_as(default: Any) -> BeforeValidator:
    """Read an explicit null as the field's default (optional fields may be absent or null)."""
    return BeforeValidator(lambda value: default if value is None else value)


Id = Annotated[StrictStr, Field(min_length=1, max_length=200)]
Text = StrictStr
Name = Annotated[StrictStr, Field(min_length=1)]  # required text must not be empty
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Number = Annotated[float, BeforeValidator(_number)]
Flag = Annotated[StrictBool, _null_as(False)]

KpiStatus = Literal["On Track", "Completed", "Off Track", "Not Started", "Blocked"]
TaskStatus = Literal["Open", "In Progress", "Completed", "Blocked", "Cancelled"]
ActivityType = Literal["Meeting", "Call", "Email", "Note", "Escalation"]
ParentType = Literal[
    "account", "success_plan", "business_challenge", "objective", "objective_kpi", "playbook", "playbook_task"
]
FeedbackSource = Literal["NPS", "CSAT", "Survey", "Quote"]
Severity = Literal["Low", "Medium", "High", "Critical"]
RiskStatus = Literal["Open", "Mitigating", "Resolved"]
Influence = Literal["high", "medium", "low"]
Direction = Literal["increase", "decrease"]


class Record(BaseModel):
    """A record of the bundle; unknown extra fields are kept but ignored."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Id


class Account(Record):
    name: Name
    owner: Id
    industry: Text | None = None
    segment: Text | None = None
    arr: Number | None = None
    currency: Text | None = None
    renewal_date: IsoDate | None = None


class Contact(Record):
    name: Name
    title: Text | None = None
    role: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    influence: Influence | None = None
    last_engaged: IsoDate | None = None


class SuccessPlan(Record):
    name: Name
    status: Text | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None


class BusinessChallenge(Record):
    success_plan_id: Id
    description: Name
    priority: Text | None = None


class Objective(Record):
    name: Name
    success_plan_id: Id | None = None
    business_challenge_id: Id | None = None
    status: Text | None = None
    target_date: IsoDate | None = None


class ObjectiveKpi(Record):
    objective_id: Id
    name: Name
    status: KpiStatus
    unit: Text | None = None
    baseline: Number | None = None
    target: Number | None = None
    current: Number | None = None
    direction: Annotated[Direction, _null_as("increase")] = "increase"
    updated_at: IsoDate | None = None
    disputed: Flag = False


class Playbook(Record):
    name: Name
    objective_id: Id | None = None
    success_plan_id: Id | None = None
    status: Text | None = None


class PlaybookTask(Record):
    playbook_id: Id
    title: Name
    status: TaskStatus
    due_date: IsoDate | None = None
    completed_date: IsoDate | None = None
    owner: Text | None = None


class Activity(Record):
    date: IsoDate
    type: ActivityType
    parent_type: ParentType
    parent_id: Id
    subject: Text | None = None
    notes: Text | None = None
    contact_ids: Annotated[list[Id], _null_as([])] = Field(default_factory=list)
    disputed: Flag = False
    confidential: Flag = False


class Feedback(Record):
    date: IsoDate
    source: FeedbackSource | None = None
    contact_id: Id | None = None
    score: Number | None = None
    comment: Text | None = None
    permission_to_quote: Flag = False


class Usage(Record):
    metric: Name
    period: Name
    value: Number


class Risk(Record):
    title: Name
    severity: Severity
    status: RiskStatus
    opened: IsoDate | None = None
    description: Text | None = None
    disputed: Flag = False


# Record lists of a bundle, in a stable order, with their model; `account` is separate.
RECORD_TYPES: dict[str, type[Record]] = {
    "contacts": Contact,
    "success_plans": SuccessPlan,
    "business_challenges": BusinessChallenge,
    "objectives": Objective,
    "objective_kpis": ObjectiveKpi,
    "playbooks": Playbook,
    "playbook_tasks": PlaybookTask,
    "activities": Activity,
    "feedback": Feedback,
    "usage": Usage,
    "risks": Risk,
}

# Singular record type names, as used by `parent_type` and in rendered citations.
TYPE_NAMES: dict[str, str] = {
    "account": "account",
    "contacts": "contact",
    "success_plans": "success_plan",
    "business_challenges": "business_challenge",
    "objectives": "objective",
    "objective_kpis": "objective_kpi",
    "playbooks": "playbook",
    "playbook_tasks": "playbook_task",
    "activities": "activity",
    "feedback": "feedback",
    "usage": "usage",
    "risks": "risk",
}


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


RecordList = BeforeValidator(_none_as_empty)


class Bundle(BaseModel):
    """One account with all of its associated records."""

    model_config = ConfigDict(extra="allow", frozen=True)

    account: Account
    contacts: Annotated[list[Contact], RecordList] = Field(default_factory=list)
    success_plans: Annotated[list[SuccessPlan], RecordList] = Field(default_factory=list)
    business_challenges: Annotated[list[BusinessChallenge], RecordList] = Field(default_factory=list)
    objectives: Annotated[list[Objective], RecordList] = Field(default_factory=list)
    objective_kpis: Annotated[list[ObjectiveKpi], RecordList] = Field(default_factory=list)
    playbooks: Annotated[list[Playbook], RecordList] = Field(default_factory=list)
    playbook_tasks: Annotated[list[PlaybookTask], RecordList] = Field(default_factory=list)
    activities: Annotated[list[Activity], RecordList] = Field(default_factory=list)
    feedback: Annotated[list[Feedback], RecordList] = Field(default_factory=list)
    usage: Annotated[list[Usage], RecordList] = Field(default_factory=list)
    risks: Annotated[list[Risk], RecordList] = Field(default_factory=list)

    def records(self, key: str) -> list[Record]:
        """Return the record list stored under `key` (a key of RECORD_TYPES)."""
        return list(getattr(self, key))

    def counts(self) -> dict[str, int]:
        """Return how many records of each type the bundle holds."""
        return {key: len(getattr(self, key)) for key in RECORD_TYPES}

    def associated_count(self) -> int:
        """Return how many records besides the account object the bundle holds."""
        return sum(self.counts().values())

    def index(self) -> dict[str, tuple[str, Record]]:
        """Map every record id (the account's too) to its type key and record."""
        found: dict[str, tuple[str, Record]] = {self.account.id: ("account", self.account)}
        for key in RECORD_TYPES:
            for record in getattr(self, key):
                found[record.id] = (key, record)
        return found
