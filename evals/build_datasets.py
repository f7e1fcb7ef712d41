"""Build the versioned datasets from seeds and hand-written bundles: `python -m evals.build_datasets`.

The result is deterministic: running it twice writes the same bytes. Commit the files it writes.
"""

from __future__ import annotations

import argparse
import sys

from evals.accounts import GENERATED, LARGE, build_accounts
from evals.claims import PAIRS_PER_TYPE, build_claims, describe
from evals.config import ACCOUNTS_FILE, CLAIMS_FILE
from evals.datasets import header, sha256, write_rows


def build() -> dict:
    """Write the account and claim datasets; return their sizes."""
    accounts = build_accounts()
    large = {
        "id": LARGE.account_id,
        "shape": LARGE.shape,
        "seed": LARGE.seed,
        "activities": LARGE.activities,
        "tags": ["large"],
    }
    write_rows(
        ACCOUNTS_FILE,
        header("accounts", generated=len(GENERATED), generated_at_eval_time=[large]),
        "accounts",
        [a.as_dict() for a in accounts],
    )
    claims = build_claims(accounts)
    write_rows(
        CLAIMS_FILE,
        header("claims", accounts_sha256=sha256(ACCOUNTS_FILE), pairs_per_type=PAIRS_PER_TYPE),
        "claims",
        claims,
    )
    return {"accounts": len(accounts), **describe(claims)}


def main(argv: list[str] | None = None) -> int:
    """Build the datasets and print their sizes."""
    argparse.ArgumentParser(prog="python -m evals.build_datasets", description=__doc__).parse_args(argv)
    sizes = build()
    sys.stdout.write(f"wrote {ACCOUNTS_FILE.name} and {CLAIMS_FILE.name}: {sizes}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
