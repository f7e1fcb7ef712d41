"""A whole recap drafted by a real (weak) local model: verification, not the model, decides what is true."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from graph.service import RecapService
from tests.conftest import AS_OF
from tools.settings import Settings

pytestmark = [pytest.mark.real_llm, pytest.mark.timeout(1800)]


def test_smollm2_recap_pauses_and_every_claim_is_verified(
    smollm2_env: str, db_path: str, example_bundle: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    svc = RecapService(Settings(db=db_path, as_of=AS_OF))
    svc.load_bundle(example_bundle)
    run = svc.start_run("acc-northwind", "u-maria")

    assert run.status == "awaiting_review", run.failure
    assert run.drafting.drafter == "openai" and run.drafting.calls >= 8
    assert run.drafting.prompt_tokens > 0 and run.drafting.completion_tokens > 0
    own = set(svc.store.bundle("acc-northwind").index())
    claims = list(run.recap.all_claims())
    assert claims
    for claim in claims:
        assert claim.supported or claim.reasons, claim
        if any(c not in own for c in claim.citations):
            assert not claim.supported and any("not a record of this account" in r for r in claim.reasons)
    if any(not c.supported for c in claims):
        assert "unsupported_claims" in {r.code for r in run.stop_reasons}
    again = svc.get_run(run.run_id)
    assert again.status == "awaiting_review" and again.decided_by is None

    flagged = [c for c in claims if not c.supported]
    reasons = Counter(r.split(":")[0].split("'")[0].strip()[:40] for c in flagged for r in c.reasons)
    with capsys.disabled():
        print(
            "\nsmollm2 full run:",
            json.dumps(
                {
                    "claims": len(claims),
                    "flagged": len(flagged),
                    "fallback_parts": run.drafting.fallback_parts,
                    "calls": run.drafting.calls,
                    "top_reasons": reasons.most_common(5),
                }
            ),
        )
