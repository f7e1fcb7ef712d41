"""`python -m evals.bench.verify_bench`: time verifying the offline recap of the 10,000-activity account."""

from __future__ import annotations

import argparse
import json
import time

from evals.bench.worker import bench_bundle
from evals.config import AS_OF
from state.validation import validate_bundle
from tools.achievements import filter_achievements
from tools.drafting.assemble import assemble_recap
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.offline import OfflineDrafter
from tools.evidence import build_evidence
from tools.verify import verify_recap


def measure(activities: int, repeats: int) -> dict[str, float]:
    """Return the median CPU seconds to verify every claim of the account's offline recap (fresh facts each time)."""
    raw = bench_bundle(activities)
    times = []
    for _ in range(repeats):
        bundle = validate_bundle(json.loads(json.dumps(raw)))  # a new bundle object: no cached facts
        pack = build_evidence(bundle, AS_OF, 0.5)
        drafts = {part: OfflineDrafter().draft(part, pack, bundle) for part in DRAFT_PARTS}
        recap, _ = filter_achievements(assemble_recap(drafts, pack), bundle, 0.5, 5)
        started = time.process_time()  # CPU time: steadier than wall time on a shared machine
        verify_recap(recap, bundle, 0.5)
        times.append(time.process_time() - started)
    times.sort()
    return {
        "activities": activities,
        "claims": sum(1 for _ in recap.all_claims()),
        "median_s": times[len(times) // 2],
        "min_s": times[0],
    }


def main() -> None:
    """Print the verification time as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench.verify_bench")
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(measure(args.activities, args.repeats)))


if __name__ == "__main__":
    main()
