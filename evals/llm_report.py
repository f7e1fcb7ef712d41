"""What the verifier flagged in a real model's drafts, and why.

`python -m evals.llm_report --llm openai:MODEL [--accounts N]` (with OPENAI_BASE_URL pointing at any
OpenAI-compatible server) drafts recaps of the demo accounts with the LLM drafter and counts the
claims the deterministic verifier flagged, grouped by the rule that failed. Writes
`evals/results/llm.json` and `evals/results/llm.md`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from demo import demo_bundles
from graph.service import RecapService
from tools.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
AS_OF = "2026-11-23"
# Reason text -> the rule it reports (first match wins).
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("says too little", "no sentence: a bare date, number or id"),
    ("is not a record of this account", "citation: foreign or nonexistent id"),
    ("cites no record", "citation: none"),
    ("quotes text not found", "invented quote"),
    ("the date", "date"),
    ("due date", "recommendation owner/due"),
    ("owner", "recommendation owner/due"),
    ("key achievement", "achievement rule"),
    ("is stated as", "number: wrong kind of derived value"),
    ("does not match any value", "number: not in the records"),
    ("is named but is not a cited contact", "person not cited"),
    ("not on any cited record", "person not in the records"),
    ("title", "person's title"),
    ("states an outcome", "status or outcome word"),
    ("does not match", "status or outcome word"),
)


def categorise(reason: str) -> str:
    """Return the rule a verifier reason reports."""
    return next((name for needle, name in CATEGORIES if needle in reason), "other")


def account_report(svc: RecapService, account_id: str) -> dict[str, Any]:
    """Draft one account with the configured LLM and summarise the verdicts."""
    started = time.perf_counter()
    run = svc.start_run(account_id, "eval")
    claims = list(run.recap.all_claims()) if run.recap else []
    flagged = [c for c in claims if not c.supported]
    return {
        "account_id": account_id,
        "status": run.status,
        "seconds": round(time.perf_counter() - started, 1),
        "claims": len(claims),
        "flagged": len(flagged),
        "fallback_parts": run.drafting.fallback_parts,
        "calls": run.drafting.calls,
        "prompt_tokens": run.drafting.prompt_tokens,
        "reasons": Counter(categorise(r) for c in flagged for r in c.reasons),
        "flagged_claims": [
            {"id": c.id, "text": c.text, "citations": c.citations, "reasons": c.reasons} for c in flagged
        ],
    }


def report(llm: str, accounts: int) -> dict[str, Any]:
    """Run the LLM drafter over the first `accounts` demo accounts (the large one is skipped)."""
    with tempfile.TemporaryDirectory() as tmp:
        svc = RecapService(Settings(db=str(Path(tmp) / "llm.db"), llm=llm, as_of=AS_OF))
        bundles = [b for b in demo_bundles() if len(b.get("activities", [])) < 1000][:accounts]
        for bundle in bundles:
            svc.load_bundle(bundle)
        rows = [account_report(svc, b["account"]["id"]) for b in bundles]
    reasons: Counter[str] = Counter()
    for row in rows:
        reasons.update(row["reasons"])
    total = sum(r["claims"] for r in rows)
    flagged = sum(r["flagged"] for r in rows)
    return {
        "llm": llm,
        "accounts": rows,
        "claims": total,
        "flagged": flagged,
        "flagged_share": round(flagged / total, 3) if total else None,
        "reasons": dict(reasons.most_common()),
        "approved_on_its_own": sum(r["status"] == "approved" for r in rows),
    }


def markdown(result: dict[str, Any]) -> str:
    """Render the report as the Markdown table the README includes."""
    lines = [
        f"LLM drafts by `{result['llm']}` on {len(result['accounts'])} demo accounts: "
        f"{result['flagged']} of {result['claims']} claims flagged by the verifier "
        f"({result['flagged_share']:.0%}); runs approved on their own: {result['approved_on_its_own']}.",
        "",
        "| why the verifier flagged a claim (a claim can fail several rules) | reasons given |",
        "|---|---|",
    ]
    lines += [f"| {name} | {n} |" for name, n in result["reasons"].items()]
    examples = _examples(result)
    if examples:
        lines += ["", "Typical flagged claims, as the model wrote them:", ""]
        lines += [f'- "{text}" cites {", ".join(cites)}: {reason}' for text, cites, reason in examples]
    lines += [
        "",
        "| account | claims | flagged | model calls | fallback parts | seconds |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['account_id']} | {r['claims']} | {r['flagged']} | {r['calls']} | "
        f"{', '.join(r['fallback_parts']) or 'none'} | {r['seconds']} |"
        for r in result["accounts"]
    ]
    return "\n".join(lines) + "\n"


def _examples(result: dict[str, Any], limit: int = 5) -> list[tuple[str, list[str], str]]:
    """Return up to `limit` flagged claims, one per distinct rule, with their first reason."""
    seen: dict[str, tuple[str, list[str], str]] = {}
    for row in result["accounts"]:
        for claim in row.get("flagged_claims", []):
            rule = categorise(claim["reasons"][0])
            seen.setdefault(rule, (claim["text"][:100], claim["citations"], claim["reasons"][0][:160]))
    return list(seen.values())[:limit]


def main(argv: list[str] | None = None) -> None:
    """Run the report and write llm.json and llm.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm", required=True, help="openai:MODEL")
    parser.add_argument("--accounts", type=int, default=6)
    parser.add_argument("--from-json", action="store_true", help="only re-render llm.md from llm.json")
    args = parser.parse_args(argv)
    if args.from_json:
        result = json.loads((RESULTS / "llm.json").read_text())
        counts = Counter(
            categorise(r) for row in result["accounts"] for c in row["flagged_claims"] for r in c["reasons"]
        )
        result["reasons"] = dict(counts.most_common())
        (RESULTS / "llm.json").write_text(json.dumps(result, indent=2) + "\n")
        (RESULTS / "llm.md").write_text(markdown(result))
        return
    result = report(args.llm, args.accounts)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "llm.json").write_text(json.dumps(result, indent=2, default=dict) + "\n")
    (RESULTS / "llm.md").write_text(markdown(result))


if __name__ == "__main__":
    main()
