"""An account and its records as one JSON document, spliced from the stored rows: the one way both stores read it.

Plain SQL through any `execute` (a `sqlite3` connection's, a sqlite-utils or PostgreSQL database's), so the
account store and the fast read path (which imports no sqlite-utils) share it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from state.bundle import RECORD_TYPES


def bundle_document(execute: Callable[[str, list[Any]], Any], account_id: str) -> tuple[str, int] | None:
    """Return the account's records as one JSON document and their data version, or None when absent.

    The caller runs it inside one read transaction so the records come from one snapshot.
    """
    row = execute("SELECT data, data_version FROM accounts WHERE id = ?", [account_id]).fetchone()
    if row is None:
        return None
    # Splice the stored JSON into one document: pydantic parses it in one pass, no per-row work.
    parts = [f'"account":{row[0]}']
    for key in RECORD_TYPES:
        cursor = execute(f"SELECT data FROM {key} WHERE account_id = ? ORDER BY rowid", [account_id])
        parts.append(f'"{key}":[' + ",".join(r[0] for r in cursor) + "]")
    return "{" + ",".join(parts) + "}", int(row[1])
