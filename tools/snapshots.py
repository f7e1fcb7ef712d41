"""What a run was drafted from, kept so a later run can say what changed since the last approved recap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils

from state.bundle import ObjectiveKpi
from tools.db import open_db
from tools.runs import RUNS

KPI_SNAPSHOTS = "run_kpis"
KPI_FIELDS = ("name", "status", "unit", "baseline", "target", "current")


def migrate_snapshots(db: sqlite_utils.Database) -> None:
    """Create the snapshot table when missing."""
    if KPI_SNAPSHOTS not in db.table_names():
        db.table(KPI_SNAPSHOTS).create({"run_id": str, "kpis": str}, pk="run_id")


def kpi_values(kpis: list[ObjectiveKpi]) -> dict[str, dict[str, Any]]:
    """Return each KPI's name, status and values by id."""
    return {k.id: {f: getattr(k, f) for f in KPI_FIELDS} for k in kpis}


class SnapshotStore:
    """KPI values per run, and the lookup of an account's last approved run."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with open_db(self.path) as db, db.atomic():
            migrate_snapshots(db)

    def save_kpis(self, run_id: str, kpis: dict[str, dict[str, Any]]) -> None:
        """Remember the KPI values a run was drafted from."""
        with open_db(self.path) as db, db.atomic():
            db.table(KPI_SNAPSHOTS).insert({"run_id": run_id, "kpis": json.dumps(kpis)}, replace=True)

    def kpis(self, run_id: str) -> dict[str, dict[str, Any]] | None:
        """Return the KPI values a run was drafted from, or None for runs from before snapshots."""
        with open_db(self.path) as db:
            row = db.execute(f"SELECT kpis FROM {KPI_SNAPSHOTS} WHERE run_id = ?", [run_id]).fetchone()
        return None if row is None else json.loads(row[0])

    def last_approved(self, account_id: str, before: str, exclude: str) -> str | None:
        """Return the account's most recently approved run created before `before`, other than `exclude`."""
        with open_db(self.path) as db:
            row = db.execute(
                f"SELECT run_id FROM {RUNS} WHERE account_id = ? AND status = 'approved' AND "
                "created_at < ? AND run_id != ? ORDER BY created_at DESC LIMIT 1",
                [account_id, before, exclude],
            ).fetchone()
        return None if row is None else str(row[0])
