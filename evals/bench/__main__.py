"""`python -m evals.bench`: run the benchmarks (see evals/bench/cli.py)."""

from __future__ import annotations

import os

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")  # before anything imports langgraph

from evals.bench.cli import main  # noqa: E402

raise SystemExit(main())
