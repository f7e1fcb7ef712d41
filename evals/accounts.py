"""The eval accounts: seeded generator accounts of every shape plus the hand-written adversarial ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from demo.generator import generate_bundle
from evals import adversarial as adv
from evals import adversarial_edges as edge
from evals.config import AS_OF

Rec = dict[str, Any]


@dataclass(frozen=True)
class Generated:
    """An account the seeded generator makes: its shape, seed and number of activities."""

    shape: str
    seed: int
    activities: int
    tags: tuple[str, ...] = ()

    @property
    def account_id(self) -> str:
        return f"acc-ev-{self.shape.replace('_', '')}-{self.seed}"

    def bundle(self) -> Rec:
        """Generate the bundle (deterministic for the seed)."""
        return generate_bundle(
            self.seed, account_id=self.account_id, activities=self.activities, shape=self.shape, as_of=AS_OF
        )


# The generator's `disputed` shape also plants a prompt injection, a confidential note and personal data.
DISPUTED_TAGS = ("injection", "confidential", "personal_data")
GENERATED: tuple[Generated, ...] = (
    Generated("healthy", 11, 8),
    Generated("healthy", 12, 25),
    Generated("healthy", 13, 60),
    Generated("at_risk", 21, 6),
    Generated("at_risk", 22, 20),
    Generated("at_risk", 23, 45),
    Generated("thin", 31, 1),
    Generated("thin", 32, 1),
    Generated("thin", 33, 3),
    Generated("expansion", 41, 5),
    Generated("expansion", 42, 18),
    Generated("expansion", 43, 40),
    Generated("disputed", 51, 4, DISPUTED_TAGS),
    Generated("disputed", 52, 12, DISPUTED_TAGS),
    Generated("disputed", 53, 30, DISPUTED_TAGS),
    Generated("mixed", 61, 10),
    Generated("mixed", 62, 30),
    Generated("mixed", 63, 80),
)
# Generated at eval time from its seed rather than committed (megabytes of JSON).
LARGE = Generated("mixed", 71, 5000, ("large",))

HANDWRITTEN: tuple[tuple[str, Callable[[], Rec], tuple[str, ...]], ...] = (
    ("example", adv.example, ("example",)),
    ("injection_note", adv.injection_note, ("injection",)),
    ("injection_subject", adv.injection_subject, ("injection",)),
    ("injection_feedback", adv.injection_feedback, ("injection",)),
    ("personal_data", adv.personal_data, ("personal_data",)),
    ("disputed", adv.disputed, ("disputed",)),
    ("confidential", adv.confidential, ("confidential",)),
    ("unquotable", adv.unquotable, ("unquotable",)),
    ("thin_contact_only", edge.thin_contact_only, ("thin",)),
    ("thin_goal_without_evidence", edge.thin_goal_without_evidence, ("thin",)),
    ("thin_activity_only", edge.thin_activity_only, ("thin",)),
    ("kpi_edges", edge.kpi_edges, ("kpi_edges",)),
    ("escalation_30_days", edge.escalation_window, ("escalation_window",)),
    ("escalation_31_days", edge.escalation_old, ("escalation_window",)),
)


@dataclass
class EvalAccount:
    """One account of the dataset: its bundle and what kind of difficulty it carries."""

    id: str
    origin: str
    name: str
    tags: list[str]
    bundle: Rec
    seed: int | None = None
    shape: str | None = None
    activities: int | None = None
    extra: Rec = field(default_factory=dict)

    def as_dict(self) -> Rec:
        return {
            "id": self.id,
            "origin": self.origin,
            "name": self.name,
            "tags": self.tags,
            "seed": self.seed,
            "shape": self.shape,
            "activities": self.activities,
            "bundle": self.bundle,
        }

    @classmethod
    def from_dict(cls, data: Rec) -> EvalAccount:
        return cls(
            id=data["id"],
            origin=data["origin"],
            name=data["name"],
            tags=list(data["tags"]),
            bundle=data["bundle"],
            seed=data.get("seed"),
            shape=data.get("shape"),
            activities=data.get("activities"),
        )


def generated_account(spec: Generated) -> EvalAccount:
    """Return the eval account the generator makes from `spec`."""
    return EvalAccount(
        id=spec.account_id,
        origin="generator",
        name=f"{spec.shape}-{spec.seed}",
        tags=[spec.shape, *spec.tags],
        bundle=spec.bundle(),
        seed=spec.seed,
        shape=spec.shape,
        activities=spec.activities,
    )


def build_accounts() -> list[EvalAccount]:
    """Return every committed eval account, generated ones first, in a fixed order."""
    out = [generated_account(spec) for spec in GENERATED]
    for name, make, tags in HANDWRITTEN:
        bundle = make()
        out.append(
            EvalAccount(id=bundle["account"]["id"], origin="handwritten", name=name, tags=list(tags), bundle=bundle)
        )
    return out
