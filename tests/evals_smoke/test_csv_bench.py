"""The CSV benchmark runs end to end on a small account and reports both timings and their ratio."""

from __future__ import annotations

from pathlib import Path

from evals.bench.csv_bench import bench_csv


def test_csv_bench_imports_the_same_account_both_ways(tmp_path: Path) -> None:
    result = bench_csv(tmp_path, activities=20, runs=1)
    assert result["activities"] == 20 and result["records"] > 20
    assert result["json_ingest_s"] > 0 and result["csv_import_s"] > 0
    assert result["ratio"] == result["csv_import_s"] / result["json_ingest_s"]
    assert 0 < result["csv_bytes"] < result["json_bytes"]
