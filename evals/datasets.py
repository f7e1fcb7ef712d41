"""Read and write the versioned dataset files; the very large account is generated from its seed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from evals.accounts import LARGE, EvalAccount, generated_account
from evals.config import ACCOUNTS_FILE, AS_OF, CLAIMS_FILE, DATASET_VERSION

Rec = dict[str, Any]


def write_rows(path: Path, header: Rec, key: str, rows: list[Rec]) -> None:
    """Write `header` plus `rows` under `key`, one row a line, so diffs stay readable."""
    head = json.dumps(header, ensure_ascii=False)[:-1]
    body = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{head}, "{key}": [\n{body}\n]}}\n')


def header(kind: str, **extra: Any) -> Rec:
    """Return the metadata every dataset file starts with."""
    return {"version": DATASET_VERSION, "kind": kind, "as_of": AS_OF.isoformat(), **extra}


def load_accounts(path: Path = ACCOUNTS_FILE, include_large: bool = True) -> list[EvalAccount]:
    """Return the committed accounts, plus the very large one generated from its seed when asked."""
    data = json.loads(path.read_text())
    accounts = [EvalAccount.from_dict(a) for a in data["accounts"]]
    if include_large:
        accounts.append(large_account())
    return accounts


def large_account() -> EvalAccount:
    """Generate the very large account from its seed (the same bundle every time)."""
    return generated_account(LARGE)


def load_claims(path: Path = CLAIMS_FILE) -> list[Rec]:
    """Return the labelled claims."""
    return list(json.loads(path.read_text())["claims"])


def sha256(*paths: Path) -> str:
    """Return the sha256 of the dataset files, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()
