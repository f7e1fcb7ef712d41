"""Where the eval files live and the fixed date every eval recap is written as of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALS = ROOT / "evals"
DATASETS = EVALS / "datasets"
RESULTS = EVALS / "results"
THRESHOLDS = EVALS / "thresholds.json"
EXAMPLE_BUNDLE = ROOT / "docs" / "example-bundle.json"

DATASET_VERSION = "v1"
ACCOUNTS_FILE = DATASETS / f"accounts-{DATASET_VERSION}.json"
CLAIMS_FILE = DATASETS / f"claims-{DATASET_VERSION}.json"

AS_OF = dt.date(2026, 11, 23)
PROGRESS_THRESHOLD = 0.5
MAX_ACHIEVEMENTS = 5
