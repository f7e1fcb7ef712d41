"""Verifier soundness on claims written by people who never read the verifier: three verdicts, three measures.

Each set is a list of labelled claims ({id, account_id, text, citations, section?, kind?, owner?, due?, label,
category, ...}) about bundles loaded into a temporary store. Measures, per set:
- soundness: of claims labelled contradicted or unverifiable, the share NOT marked supported;
- contradiction precision: of claims marked contradicted, the share labelled contradicted or unverifiable;
- coverage: of claims labelled supported, the share marked supported (and how many were marked contradicted).
The held-out part is only ever reported as aggregates, and only when asked for.

The writers labelled what each sentence asserts. Where they filed a sentence under key_achievements, the
contract's placement rule (an achievement must cite an eligible KPI; the verifier flags `ineligible_kpi`)
is a drafting rule about where a claim goes, not about whether it is true, so the harness verifies such
sentences without a section; every other section (recommendations and their due dates) is kept.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.claims import to_claim
from evals.config import AS_OF, DATASETS, PROGRESS_THRESHOLD
from state.bundle import Bundle
from state.recap import Claim
from tools.store import AccountStore
from tools.verify import verify_claim

Rec = dict[str, Any]
BLIND = DATASETS / "blind"
WRITERS = tuple("abcdefghijklmnopqrstuvwx")  # one letter per writer, in the order they wrote
FALSE_LABELS = frozenset({"contradicted", "unverifiable"})


@dataclass(frozen=True)
class Judged:
    """One labelled claim and the verdict the verifier gave it."""

    id: str
    label: str
    verdict: str
    category: str
    reasons: tuple[str, ...]


def read_list(path: Path) -> list[Rec]:
    """Return the JSON list in `path` (a bare list, or one under a 'claims'/'accounts' key)."""
    data = json.loads(path.read_text())
    if isinstance(data, dict):
        data = data.get("claims") or data.get("accounts") or []
    return list(data)


def load_bundles(raws: list[Rec]) -> dict[str, Bundle]:
    """Load the raw bundles into a temporary store and read each back as the service would."""
    with tempfile.TemporaryDirectory(prefix="recap-blind-") as tmp:
        store = AccountStore(Path(tmp) / "blind.db")
        ids = [store.load(raw, f"bundle {i}").account_id for i, raw in enumerate(raws)]
        return {account_id: store.bundle(account_id) for account_id in ids}


def as_claim(row: Rec) -> Claim:
    """Return the labelled row as a claim; a key achievement's placement rule is left out (see the module doc)."""
    if row.get("section") == "key_achievements":
        row = {**row, "section": None}
    return to_claim(row, row["id"])


def judge_all(rows: list[Rec], bundles: dict[str, Bundle]) -> list[Judged]:
    """Verify every labelled claim against its account, as of the corpus's day."""
    out = []
    for row in rows:
        claim = verify_claim(as_claim(row), bundles[row["account_id"]], threshold=PROGRESS_THRESHOLD, as_of=AS_OF)
        out.append(
            Judged(row["id"], row["label"], claim.verdict, row.get("category") or "uncategorised", tuple(claim.reasons))
        )
    return out


def _share(hits: int, total: int) -> float | None:
    return None if total == 0 else round(hits / total, 4)


def measures(judged: list[Judged]) -> Rec:
    """Return soundness, contradiction precision, coverage and the count of true claims marked contradicted."""
    false = [j for j in judged if j.label in FALSE_LABELS]
    true = [j for j in judged if j.label == "supported"]
    contradicted = [j for j in judged if j.verdict == "contradicted"]
    return {
        "claims": len(judged),
        "labelled_false": len(false),
        "labelled_true": len(true),
        "soundness": _share(sum(j.verdict != "supported" for j in false), len(false)),
        "contradiction_precision": _share(sum(j.label in FALSE_LABELS for j in contradicted), len(contradicted)),
        "coverage": _share(sum(j.verdict == "supported" for j in true), len(true)),
        "true_marked_contradicted": sum(j.verdict == "contradicted" for j in true),
        "false_marked_supported": sum(j.verdict == "supported" for j in false),
        "verdict_agrees": _share(sum(j.verdict == j.label for j in judged), len(judged)),
    }


def by_category(judged: list[Judged]) -> dict[str, Rec]:
    """Return, per category, how many claims there are and how their labels and verdicts line up."""
    groups: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        groups[j.category].append(j)
    return {
        name: {
            "claims": len(items),
            **{k: measures(items)[k] for k in ("soundness", "coverage")},
            "verdicts": dict(sorted(_counts(items).items())),
        }
        for name, items in sorted(groups.items())
    }


def _counts(items: list[Judged]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for j in items:
        counts[f"{j.label}->{j.verdict}"] += 1
    return counts


def blind_files(kind: str, folder: Path = BLIND) -> list[Path]:
    """Return the writers' files of one kind ('accounts', 'claims' or 'heldout') that exist.

    A writer's development claims may span several files (`a-claims.json`, `a-claims-2.json`, ...).
    """
    found = []
    for w in WRITERS:
        found += [p for p in [folder / f"{w}-{kind}.json"] if p.exists()]
        found += sorted(folder.glob(f"{w}-{kind}-*.json"))
    return found


def evaluate_set(claim_files: list[Path], account_files: list[Path], per_category: bool) -> Rec | None:
    """Return the measures of one claim set (None when it has no files)."""
    if not claim_files or not account_files:
        return None
    bundles = load_bundles([raw for path in account_files for raw in read_list(path)])
    rows = [row for path in claim_files for row in read_list(path)]
    judged = judge_all(rows, bundles)
    result = {"files": [p.name for p in claim_files], **measures(judged)}
    if per_category:
        result["by_category"] = by_category(judged)
    return result


def failures_of(claim_files: list[Path], account_files: list[Path]) -> list[Rec]:
    """Return the misjudged claims of a development set (never called on the held-out part)."""
    bundles = load_bundles([raw for path in account_files for raw in read_list(path)])
    rows = {row["id"]: row for path in claim_files for row in read_list(path)}
    return [
        {**rows[j.id], "verdict": j.verdict, "reasons": list(j.reasons)}
        for j in judge_all(list(rows.values()), bundles)
        if j.verdict != j.label and not (j.label in FALSE_LABELS and j.verdict in FALSE_LABELS)
    ]


def self_generated(claims: list[Rec], bundles: dict[str, Bundle]) -> Rec:
    """Return the measures on the project's own generated claims (bases, mutants and twins of claims-v1)."""
    rows = [
        {
            **row,
            "id": row["id"],
            "label": "supported" if row["supported"] else "unverifiable",
            "category": row.get("mutation") or "base",
        }
        for row in claims
    ]
    judged = judge_all(rows, bundles)
    return {"files": ["claims-v1.json"], **measures(judged), "by_category": by_category(judged)}


def blind_metrics(claims: list[Rec], bundles: dict[str, Bundle], heldout: bool = True, folder: Path = BLIND) -> Rec:
    """Return the measures on the self-generated set, the blind development set and the held-out part.

    The held-out part gets aggregate measures only (no per-category table, no per-claim output).
    """
    accounts = blind_files("accounts", folder)
    return {
        "self_generated": self_generated(claims, bundles),
        "blind_dev": evaluate_set(blind_files("claims", folder), accounts, True),
        "blind_heldout": evaluate_set(blind_files("heldout", folder), accounts, False) if heldout else None,
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m evals.blind`: the development set's measures, and with --failures its misjudged claims."""
    parser = argparse.ArgumentParser(prog="python -m evals.blind")
    parser.add_argument("--failures", action="store_true", help="list the development set's misjudged claims")
    args = parser.parse_args(argv)
    claims_files, accounts = blind_files("claims"), blind_files("accounts")
    if not claims_files:
        print(f"no blind development files in {BLIND}")
        return 1
    result = evaluate_set(claims_files, accounts, True) or {}
    print(json.dumps({k: v for k, v in result.items() if k != "by_category"}, indent=1))
    if args.failures:
        for row in failures_of(claims_files, accounts):
            print(
                f"[{row['id']}] {row['category']}: labelled {row['label']}, verdict {row['verdict']}\n"
                f"  {row['text']}\n  {row['reasons'][:2]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
