"""`python -m evals` (and `recap eval`): run the accuracy evals, show and write the results, gate on thresholds."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from evals import gate, report
from evals.blind import blind_metrics
from evals.blind_report import write_blind
from evals.config import ACCOUNTS_FILE, AS_OF, CLAIMS_FILE, RESULTS, ROOT
from evals.datasets import load_accounts, load_claims, sha256
from evals.draft_eval import draft_metrics
from evals.holdout import DEFAULT_SEED, holdout_metrics
from evals.kpi_eval import kpi_metrics
from evals.runs import RunResult, run_accounts
from evals.verifier_eval import verifier_metrics
from state.validation import validate_bundle

Rec = dict[str, Any]


def git_commit() -> str:
    """Return the current commit (with -dirty when the tree has changes), or 'unknown'."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=40"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def _metadata(accounts: list, claims: list[Rec], runs: list[RunResult], llm: str | None) -> Rec:
    views = [r.view for r in runs if r.view is not None]
    drafting = views[0].drafting if views else None
    return {
        "git_commit": git_commit(),
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "as_of": AS_OF.isoformat(),
        "drafter": drafting.drafter if drafting else "offline",
        "prompt_version": drafting.prompt_version if drafting else None,
        "llm": llm,
        "python": platform.python_version(),
        "dataset": {
            "accounts_file": ACCOUNTS_FILE.name,
            "claims_file": CLAIMS_FILE.name,
            "sha256": sha256(ACCOUNTS_FILE, CLAIMS_FILE),
            "accounts": len(accounts),
            "claims": len(claims),
            "mutants": sum(not c["supported"] for c in claims),
        },
    }


def _timings(runs: list[RunResult]) -> Rec:
    return {r.account.id: round(r.seconds, 3) for r in runs}


def _llm_metrics(accounts: list, llm: str) -> Rec:
    runs = run_accounts(accounts, llm=llm)
    metrics = draft_metrics(runs)
    views = [r.view for r in runs if r.view is not None]
    metrics["model_calls"] = sum(v.drafting.calls for v in views)
    metrics["prompt_tokens"] = sum(v.drafting.prompt_tokens for v in views)
    metrics["fallback_parts"] = sum(len(v.drafting.fallback_parts) for v in views)
    metrics["prompt_version"] = views[0].drafting.prompt_version if views else None
    return metrics


def evaluate(include_large: bool = True, llm: str | None = None, holdout_seed: int = DEFAULT_SEED) -> Rec:
    """Run every eval and return the result document."""
    return evaluate_with_runs(include_large, llm, holdout_seed)[0]


def evaluate_with_runs(
    include_large: bool = True, llm: str | None = None, holdout_seed: int = DEFAULT_SEED
) -> tuple[Rec, list[RunResult]]:
    """Run every eval; return the result document and the offline runs."""
    accounts = load_accounts(include_large=include_large)
    claims = load_claims()
    bundles = {a.id: validate_bundle(a.bundle) for a in accounts}
    started = time.perf_counter()
    verifier = verifier_metrics(claims, bundles)
    verifier["seconds"] = round(time.perf_counter() - started, 2)
    holdout = holdout_metrics(holdout_seed)
    blind = blind_metrics(claims, bundles)
    runs = run_accounts(accounts)
    offline = draft_metrics(runs)
    offline["seconds_per_account"] = _timings(runs)
    results: Rec = {
        "metadata": _metadata(accounts, claims, runs, llm),
        "verifier": verifier,
        "verifier_holdout": holdout,
        "blind": blind,
        "kpi": kpi_metrics(accounts),
        "offline": offline,
        "llm": None,
    }
    results["metadata"]["include_large"] = include_large
    if llm:
        results["llm"] = _llm_metrics(accounts, llm)
    return results, runs


def committed_only(results: Rec, runs: list[RunResult]) -> Rec:
    """Return the results recomputed without the very large account (what the pytest gate sees)."""
    kept = [r for r in runs if "large" not in r.account.tags]
    return {**results, "kpi": kpi_metrics([r.account for r in kept]), "offline": draft_metrics(kept)}


def worst(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    """Return, per metric, the worse of two values (the higher one where lower is better)."""
    out = {}
    for name in a.keys() & b.keys():
        out[name] = max(a[name], b[name]) if name in gate.LOWER_IS_BETTER else min(a[name], b[name])
    return out


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m evals", description="Run recap's accuracy evals.")
    parser.add_argument("--check", action="store_true", help="exit non-zero when a metric misses its threshold")
    parser.add_argument("--llm", default=None, help="also draft with this LLM (openai:MODEL); default $RECAP_LLM")
    parser.add_argument("--skip-large", action="store_true", help="leave out the very large generated account")
    parser.add_argument("--no-write", action="store_true", help="do not write evals/results/latest.*")
    parser.add_argument(
        "--update-thresholds", action="store_true", help="set evals/thresholds.json just under today's results"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for latest.json and latest.md")
    parser.add_argument(
        "--holdout-seed",
        type=int,
        default=DEFAULT_SEED,
        help="first seed of the held-out accounts (another seed draws a fresh held-out set)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the evals; return 1 with --check when a metric misses its threshold."""
    args = parse(argv)
    llm = args.llm or os.environ.get("RECAP_LLM") or None
    llm = None if llm in (None, "", "offline") else llm
    console = Console()
    results, runs = evaluate_with_runs(not args.skip_large, llm, args.holdout_seed)
    metrics = gate.flatten(results)
    if args.update_thresholds:
        gate.write_thresholds(gate.thresholds_from(worst(metrics, gate.flatten(committed_only(results, runs)))))
    thresholds = gate.load_thresholds()
    failed = gate.failures(metrics, thresholds)
    results["gate"] = {"passed": not failed, "failures": failed}
    report.terminal_table(results, thresholds, {f.split(" ")[0] for f in failed}, console)
    if not args.no_write:
        paths = report.write(results, thresholds, {f.split(" ")[0] for f in failed}, args.out)
        for path in [*paths, *write_blind(results["blind"], args.out)]:
            console.print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    for line in failed:
        console.print(f"[red]below threshold:[/red] {line}")
    return 1 if args.check and failed else 0
