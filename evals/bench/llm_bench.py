"""LLM parallelism: a whole recap's wall time against one model call, on a server that sleeps per call."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

from evals.bench.llm_server import SleepyServer
from evals.config import AS_OF, EXAMPLE_BUNDLE
from state.validation import validate_bundle
from tools.drafting.llm import LlmDrafter
from tools.evidence import build_evidence


def _service(db: Path, drafter: LlmDrafter):  # noqa: ANN202 - RecapService, imported late (langgraph)
    from graph.service import RecapService
    from tools.settings import Settings

    return RecapService(Settings(db=str(db), as_of=AS_OF.isoformat(), llm="openai:bench"), drafter=drafter)


def bench_llm(workdir: Path, delay: float = 1.0) -> dict[str, Any]:
    """Return one call's time, the run's wall time and their ratio, for the example account."""
    raw = json.loads(EXAMPLE_BUNDLE.read_text())
    bundle = validate_bundle(raw)
    pack = build_evidence(bundle, dt.date.fromisoformat(AS_OF.isoformat()))
    with SleepyServer(delay) as server:
        drafter = LlmDrafter(model="bench", base_url=server.url, api_key="bench", timeout=delay * 10 + 30)
        drafter.draft("key_stakeholders", pack, bundle)  # warm: client construction and imports out of the timing
        started = time.perf_counter()
        drafter.draft("key_stakeholders", pack, bundle)
        one_call = time.perf_counter() - started
        service = _service(workdir / "llm.db", drafter)
        service.load_bundle(raw)
        service.start_run(raw["account"]["id"], actor=raw["account"]["owner"])  # warm: graph compiled, caches
        before = server.calls
        started = time.perf_counter()
        view = service.start_run(raw["account"]["id"], actor=raw["account"]["owner"])
        wall = time.perf_counter() - started
        calls = server.calls - before
    return {
        "delay_s": delay,
        "one_call_s": one_call,
        "run_wall_s": wall,
        "ratio": wall / one_call,
        "ratio_to_delay": wall / delay,
        "model_calls": calls,
        "status": view.status,
        "fallback_parts": view.drafting.fallback_parts,
    }
