"""The evidence pack: what the records prove about each goal, computed once per run.

It holds ids and computed facts, not copies of the records, so checkpoints stay small; drafters
and the verifier read the records themselves from the store.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class KpiEvidence(BaseModel):
    """One KPI with its computed progress and whether it may appear as an achievement."""

    id: str
    objective_id: str
    name: str
    status: str
    progress: float | None = None
    eligible: bool = False
    why_not: str | None = None


class GoalEvidence(BaseModel):
    """Everything the records say about one objective (customer goal)."""

    objective_id: str
    name: str
    challenge_id: str | None = None
    kpi_ids: list[str] = Field(default_factory=list)
    playbook_ids: list[str] = Field(default_factory=list)
    delivered_task_ids: list[str] = Field(default_factory=list)
    open_task_ids: list[str] = Field(default_factory=list)
    activity_ids: list[str] = Field(default_factory=list)
    has_evidence: bool = False


class IssueEvidence(BaseModel):
    """A record that makes the account's customer issue unresolved, and why."""

    record_id: str
    reason: str


class Signal(BaseModel):
    """An expansion signal found in an activity's notes."""

    activity_id: str
    kind: str
    excerpt: str
    contact_ids: list[str] = Field(default_factory=list)


class EvidencePack(BaseModel):
    """The computed evidence for one run of one account."""

    account_id: str
    account_name: str
    owner: str
    as_of: str
    goals: list[GoalEvidence] = Field(default_factory=list)
    kpis: list[KpiEvidence] = Field(default_factory=list)
    eligible_kpi_ids: list[str] = Field(default_factory=list)
    confidential_ids: list[str] = Field(default_factory=list)
    personal_data_ids: list[str] = Field(default_factory=list)
    unresolved_issues: list[IssueEvidence] = Field(default_factory=list)
    missing_proof_goal_ids: list[str] = Field(default_factory=list)
    expansion_signals: list[Signal] = Field(default_factory=list)
    record_count: int = 0

    def kpi(self, kpi_id: str) -> KpiEvidence | None:
        """Return the KPI evidence with this id, or None."""
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def goal(self, objective_id: str) -> GoalEvidence | None:
        """Return the goal evidence for this objective, or None."""
        return next((g for g in self.goals if g.objective_id == objective_id), None)
