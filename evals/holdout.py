"""A held-out claim set: generator accounts from seeds that no committed file holds, built at eval time.

The committed claim set is public to whoever tunes the verifier; this one checks the verifier did not
learn the committed records by heart. Pass another `seed` to draw a fresh one.
"""

from __future__ import annotations

from typing import Any

from evals.accounts import DISPUTED_TAGS, Generated, generated_account
from evals.claims import build_claims
from evals.verifier_eval import verifier_metrics
from state.validation import validate_bundle

SHAPES = (
    ("healthy", 15, ()),
    ("at_risk", 25, ()),
    ("expansion", 20, ()),
    ("disputed", 12, DISPUTED_TAGS),
    ("mixed", 40, ()),
    ("mixed", 8, ()),
)
DEFAULT_SEED = 8100


def holdout_specs(seed: int = DEFAULT_SEED) -> list[Generated]:
    """Return the held-out accounts: one per shape above, seeds counting up from `seed`."""
    return [Generated(shape, seed + i, activities, tags) for i, (shape, activities, tags) in enumerate(SHAPES)]


def holdout_metrics(seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Build the held-out claims from their seeds and return the verifier metrics on them."""
    accounts = [generated_account(spec) for spec in holdout_specs(seed)]
    claims = build_claims(accounts)
    metrics = verifier_metrics(claims, {a.id: validate_bundle(a.bundle) for a in accounts})
    metrics["seed"] = seed
    metrics["accounts"] = [a.id for a in accounts]
    return metrics
