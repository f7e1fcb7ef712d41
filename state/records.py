"""Typed rows of recap's own tables: a run, an audit event, a listed run; and the data versions of a run.

The run store returns these instead of dicts read by string keys. They are frozen dataclasses, not pydantic
models: building one from a stored row is a constructor call, which keeps the fast read paths cheap.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from state.run import RunStatus

RUN_FIELDS = (
    "run_id",
    "account_id",
    "owner",
    "created_by",
    "status",
    "created_at",
    "updated_at",
    "as_of",
    "decided_by",
    "decided_at",
    "comment",
    "failure",
    "replayed_from",
    "drafting",
    "data_version",
)


def _version(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A run's row: who started it, where it stands, who decided it, which data version it was drafted from."""

    run_id: str
    account_id: str
    owner: str
    created_by: str | None
    status: RunStatus
    created_at: str
    updated_at: str
    as_of: str
    decided_by: str | None = None
    decided_at: str | None = None
    comment: str | None = None
    failure: str | None = None
    replayed_from: str | None = None
    drafting: dict[str, Any] = field(default_factory=dict)
    data_version: int | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> RunRecord:
        """Return the record of a stored row (its `drafting` JSON text parsed, its version a number)."""
        values = {f: row[f] for f in RUN_FIELDS if f in row.keys()}  # noqa: SIM118 - sqlite3.Row has no `in`
        values["drafting"] = json.loads(values.get("drafting") or "{}")
        values["data_version"] = _version(values.get("data_version"))
        return cls(**values)


@dataclass(frozen=True, slots=True)
class RunEvent:
    """One measurement event (spec section 7); its key makes it count once, ever."""

    key: str
    event: str
    run_id: str
    account_id: str
    actor: str
    claim_id: str | None
    time: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> RunEvent:
        """Return the event of a stored row."""
        return cls(**{f.name: row[f.name] for f in fields(cls)})

    def as_row(self) -> dict[str, Any]:
        """Return the row to store."""
        return asdict(self)


LIST_FIELDS = (
    "run_id",
    "account_id",
    "status",
    "created_at",
    "updated_at",
    "decided_by",
    "decided_at",
    "comment",
    "failure",
    "replayed_from",
    "data_version",
)
ACCOUNT_FIELDS = ("account_name", "account_owner", "account_data", "account_data_version")


@dataclass(frozen=True, slots=True)
class ListedRun:
    """A run as the run list reads it: part of its row, with its account's name, owner, data and version now."""

    run_id: str
    account_id: str
    status: RunStatus
    created_at: str
    updated_at: str
    decided_by: str | None
    decided_at: str | None
    comment: str | None
    failure: str | None
    replayed_from: str | None
    data_version: int | None
    account_name: str
    account_owner: str
    account_data: dict[str, Any]
    account_data_version: int | None

    @classmethod
    def from_values(cls, values: tuple[Any, ...]) -> ListedRun:
        """Return the listed run of one result row (LIST_FIELDS, then ACCOUNT_FIELDS, in that order)."""
        row = dict(zip((*LIST_FIELDS, *ACCOUNT_FIELDS), values, strict=True))
        row["data_version"] = _version(row["data_version"])
        row["account_data_version"] = _version(row["account_data_version"])
        row["account_data"] = json.loads(row["account_data"] or "{}")
        return cls(**row)

    @property
    def outdated(self) -> bool:
        """Whether the account's records changed since the run was drafted."""
        return Versions(self.data_version, self.data_version, self.account_data_version).outdated


@dataclass(frozen=True, slots=True)
class Versions:
    """The data versions that say whether a run is outdated: the one place that rule is written."""

    drafted: int | None
    verified: int | None
    current: int | None

    @property
    def outdated(self) -> bool:
        """Whether the account's records changed since the run was drafted (spec: `outdated`)."""
        return self.drafted is not None and self.current is not None and self.current != self.drafted

    @property
    def unverified(self) -> bool:
        """Whether the account was reloaded since the draft was last verified: a decision verifies it first."""
        return self.verified is not None and self.current is not None and self.current != self.verified

    @property
    def current_everywhere(self) -> bool:
        """Whether the draft was drafted from and verified against the account's current records."""
        return not self.outdated and not self.unverified


def versions(run: RunRecord, values: Mapping[str, Any], current: int | None) -> Versions:
    """Return the run's versions: drafted from (run row), last verified against (graph state), current."""
    verified = values.get("verified_version", run.data_version)
    return Versions(run.data_version, _version(verified), current)


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """The owner's latest decision as the run's state records it (`last_decision`)."""

    decision: str
    actor: str
    at: str
    round: int
    comment: str | None = None
    summary: dict[str, list[str]] | None = None  # an edit's claims edited, removed, attested, caveats added
    refused: bool = False  # an approval the graph itself refused (the service refuses first)

    @classmethod
    def from_state(cls, value: Mapping[str, Any]) -> DecisionRecord:
        """Return the record of a state value (older states lack `summary` and `refused`)."""
        return cls(**{f.name: value[f.name] for f in fields(cls) if f.name in value})

    def to_state(self) -> dict[str, Any]:
        """Return the plain value the checkpoint stores (`summary` and `refused` only when set)."""
        out: dict[str, Any] = {"decision": self.decision, "comment": self.comment, "actor": self.actor}
        out |= {"at": self.at, "round": self.round}
        if self.summary is not None:
            out["summary"] = self.summary
        if self.refused:
            out["refused"] = True
        return out

    def listed(self, what: str) -> list[str]:
        """Return the ids an edit's summary lists under `what` (none for other decisions)."""
        return list((self.summary or {}).get(what, []))
