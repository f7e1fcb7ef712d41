"""The accuracy gate: the offline evals on the committed datasets must meet evals/thresholds.json.

This is how CI fails when accuracy regresses. The very large account is left out here (it is
generated at eval time by `python -m evals`); everything else is the same code path.
"""

from __future__ import annotations

import json

import pytest

from evals.cli import evaluate
from evals.config import ACCOUNTS_FILE, CLAIMS_FILE, THRESHOLDS
from evals.datasets import load_accounts, load_claims
from evals.gate import failures, flatten, load_thresholds


@pytest.fixture(scope="module")
def results() -> dict:
    return evaluate(include_large=False)


def test_datasets_are_committed_and_large_enough() -> None:
    accounts, claims = load_accounts(include_large=False), load_claims()
    assert len(accounts) >= 25
    assert sum(not c["supported"] for c in claims) >= 500
    assert json.loads(ACCOUNTS_FILE.read_text())["version"] == json.loads(CLAIMS_FILE.read_text())["version"]


def test_every_mutation_type_has_mutants_and_benign_twins(results: dict) -> None:
    recall = results["verifier"]["recall_by_mutation"]
    twins = results["verifier"]["twin_pass_by_mutation"]
    assert all(value is not None for value in recall.values())
    assert all(value is not None for value in twins.values())


def test_offline_evals_meet_the_thresholds(results: dict) -> None:
    assert THRESHOLDS.exists()
    assert failures(flatten(results), load_thresholds()) == []


def test_no_run_is_ever_approved_without_the_owner(results: dict) -> None:
    assert results["offline"]["never_approved"] == 1.0
