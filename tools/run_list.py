"""The run list's one query, shared by the run store and the fast read path (plain SQL, no sqlite-utils)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from state.records import LIST_FIELDS, ListedRun


def list_query(
    statuses: list[str] | None, account_id: str | None, owner: str | None, limit: int, offset: int
) -> tuple[str, list[Any]]:
    """Return the SQL and parameters of one page of runs, newest first (indexed filters, one query).

    `owner` is the account's current owner, the same rule the API's access checks use.
    """
    clauses, params = [], []
    if statuses:
        clauses.append(f"r.status IN ({','.join('?' * len(statuses))})")
        params += statuses
    if account_id is not None:
        clauses.append("r.account_id = ?")
        params.append(account_id)
    if owner is not None:
        clauses.append("a.owner = ?")
        params.append(owner)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = (
        f"SELECT {', '.join('r.' + f for f in LIST_FIELDS)}, a.name, a.owner, a.data, a.data_version "
        f"FROM runs r JOIN accounts a ON a.id = r.account_id{where} "
        "ORDER BY r.created_at DESC, r.run_id DESC LIMIT ? OFFSET ?"
    )
    return sql, [*params, limit, offset]


def listed_runs(execute: Callable[[str, list[Any]], Any], *query: Any) -> list[ListedRun]:
    """Run `list_query(*query)` with `execute` (a connection's or database's) and type its rows."""
    sql, params = list_query(*query)
    return [ListedRun.from_values(tuple(row)) for row in execute(sql, params).fetchall()]
