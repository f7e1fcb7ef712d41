"""KPI eligibility: the evidence pack's verdict against the spec rule written again in the evaluator."""

from __future__ import annotations

from typing import Any

from evals import independent as rule
from evals.accounts import EvalAccount
from evals.config import AS_OF, PROGRESS_THRESHOLD
from state.validation import validate_bundle
from tools.evidence import build_evidence

Rec = dict[str, Any]


def eligibility_verdicts(accounts: list[EvalAccount]) -> list[tuple[str, bool, bool]]:
    """Return (kpi id, pack says eligible, the rule says eligible) for every KPI of every account."""
    out = []
    for account in accounts:
        pack = build_evidence(validate_bundle(account.bundle), AS_OF, PROGRESS_THRESHOLD)
        said = {k.id: k.eligible for k in pack.kpis}
        for kpi in rule.records(account.bundle, "objective_kpis"):
            out.append((kpi["id"], said.get(kpi["id"], False), rule.eligible(kpi, PROGRESS_THRESHOLD)))
    return out


def kpi_metrics(accounts: list[EvalAccount]) -> Rec:
    """Return the eligibility accuracy over every KPI and the KPIs judged wrongly."""
    verdicts = eligibility_verdicts(accounts)
    wrong = [{"kpi": k, "pack": said, "rule": expected} for k, said, expected in verdicts if said != expected]
    accuracy = None if not verdicts else 1 - len(wrong) / len(verdicts)
    return {
        "kpis": len(verdicts),
        "eligible": sum(e for _, _, e in verdicts),
        "eligibility_accuracy": accuracy,
        "wrong": wrong,
    }
