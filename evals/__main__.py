"""`python -m evals`: run the accuracy evals (see evals/cli.py)."""

from __future__ import annotations

import os

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")  # before anything imports langgraph

from evals.cli import main  # noqa: E402

raise SystemExit(main())
