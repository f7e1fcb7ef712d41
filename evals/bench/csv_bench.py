"""CSV import against JSON ingest of the same large account: read, validate and store, in-process.

Both sides start from files on disk and end with the account stored, each in a fresh store per
timed run; the ratio is the CSV import's median over the JSON ingest's median.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from demo.generator import generate_bundle
from evals.bench.measure import median
from evals.config import AS_OF
from state.csv_mapping import CsvMapping
from state.validation import validate_bundle
from tools.csv_export import bundle_tables, write_tables
from tools.csv_import import import_csv
from tools.csv_read import sources_from_paths
from tools.store import AccountStore

SEED = 20261123
MAX_BYTES = 1024 * 1024 * 1024


def _json_ingest(path: Path, db: Path) -> None:
    AccountStore(db).load(json.loads(path.read_bytes()), path.name)


def _csv_import(folder: Path, db: Path) -> None:
    report = import_csv(AccountStore(db), sources_from_paths([folder], MAX_BYTES), CsvMapping())
    if report.errors():
        raise RuntimeError("the benchmark's CSV export did not import: " + "; ".join(report.errors()[:3]))


def _timed(fn: Any, source: Path, workdir: Path, tag: str, runs: int) -> list[float]:
    times = []
    for i in range(runs + 1):  # the first run warms imports and caches and is not counted
        db = workdir / f"{tag}-{i}.db"
        started = time.perf_counter()
        fn(source, db)
        if i:
            times.append(time.perf_counter() - started)
    return times


def bench_csv(workdir: Path, activities: int = 10_000, runs: int = 3) -> dict[str, Any]:
    """Time a JSON ingest and a CSV import of one generated account; return both medians and their ratio."""
    raw = generate_bundle(SEED, account_id="acc-bench-csv", activities=activities, shape="mixed", as_of=AS_OF)
    bundle = validate_bundle(raw)
    json_path = workdir / "csv-bench.json"
    json_path.write_text(json.dumps(raw))
    folder = workdir / "csv-bench"
    write_tables(folder, bundle_tables([bundle]))
    json_s = median(_timed(_json_ingest, json_path, workdir, "json", runs))
    csv_s = median(_timed(_csv_import, folder, workdir, "csv", runs))
    return {
        "activities": activities,
        "records": 1 + bundle.associated_count(),
        "runs": runs,
        "json_ingest_s": json_s,
        "csv_import_s": csv_s,
        "ratio": csv_s / json_s if json_s else None,
        "csv_bytes": sum(p.stat().st_size for p in folder.glob("*.csv")),
        "json_bytes": json_path.stat().st_size,
    }
