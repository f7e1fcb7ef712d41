"""`python -m evals.bench.profile_run`: profile in-process runs of the example account with pyinstrument.

The profile explains where a run's CPU goes (the `dev` extra installs pyinstrument). It prints the
call tree as text, or writes HTML with `--html PATH`.
"""

from __future__ import annotations

import os

os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")  # before langgraph is imported

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from evals.config import EXAMPLE_BUNDLE  # noqa: E402
from evals.runs import service_for  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the example `--runs` times under pyinstrument and print (or save) the profile."""
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(prog="python -m evals.bench.profile_run")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--html", type=Path, default=None)
    args = parser.parse_args(argv)
    raw = json.loads(EXAMPLE_BUNDLE.read_text())
    with tempfile.TemporaryDirectory(prefix="recap-profile-") as tmp:
        service = service_for(Path(tmp) / "profile.db", "offline")
        service.load_bundle(raw)
        account_id, owner = raw["account"]["id"], raw["account"]["owner"]
        service.start_run(account_id, actor=owner)  # imports and compilation out of the profile
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(args.runs):
                service.start_run(account_id, actor=owner)
    if args.html:
        args.html.write_text(profiler.output_html())
    else:
        sys.stdout.write(profiler.output_text(unicode=True, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
