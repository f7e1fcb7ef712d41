"""The LLM drafter on a real local model (SmolLM2-135M through llama.cpp's OpenAI-compatible server)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from smollm2_server import API_KEY, MODEL_NAME

from state.bundle import Bundle
from state.recap import Claim
from tools.drafting.base import DRAFT_PARTS, PartDraft
from tools.drafting.llm import LlmDrafter
from tools.evidence import build_evidence

# A 135M model on two shared CPU cores takes 30-40 s a call (grammar-constrained sampling included).
pytestmark = [pytest.mark.real_llm, pytest.mark.slow, pytest.mark.timeout(1800)]

log = logging.getLogger(__name__)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-bundle.json"
AS_OF = dt.date(2026, 11, 23)


def part_claims(draft: PartDraft) -> list[Claim]:
    """Return every claim of a part draft: section claims, value-recap claims and caveats."""
    value = [claim for entry in draft.value_recap for _, claim in entry.claims()]
    return [*draft.claims, *value, *draft.caveats]


@pytest.fixture(scope="module")
def drafts(llama_server: str) -> dict[str, PartDraft]:
    """Draft all eight parts of the example account on SmolLM2, from eight threads as the graph does."""
    from tools.drafting.offline import OfflineDrafter

    bundle = Bundle.model_validate(json.loads(EXAMPLE.read_text()))
    pack = build_evidence(bundle, AS_OF)
    drafter = LlmDrafter(MODEL_NAME, base_url=llama_server, api_key=API_KEY, timeout=600, fallback=OfflineDrafter())
    drafter.preflight()
    with ThreadPoolExecutor(max_workers=len(DRAFT_PARTS)) as pool:
        results = pool.map(lambda part: drafter.draft(part, pack, bundle), DRAFT_PARTS)
    return dict(zip(DRAFT_PARTS, results, strict=True))


def test_every_part_drafts_from_the_model_or_falls_back_with_a_reason(drafts):
    assert list(drafts) == list(DRAFT_PARTS)
    for part, draft in drafts.items():
        assert draft.part == part
        assert draft.fallback_reason is None or draft.fallback_reason.strip()
        assert draft.usage.calls >= (0 if part == "key_achievements" else 1)
    from_model = [p for p, d in drafts.items() if d.fallback_reason is None]
    assert from_model, {p: d.fallback_reason for p, d in drafts.items()}


def test_model_claims_parse_and_cite_only_records_of_the_account(drafts):
    ids = set(Bundle.model_validate(json.loads(EXAMPLE.read_text())).index())
    model_claims = [c for d in drafts.values() if d.fallback_reason is None for c in part_claims(d)]
    assert model_claims
    for claim in model_claims:
        assert claim.text.strip() and claim.citations
        assert set(claim.citations) <= ids, claim
        if claim.kind == "recommendation":
            assert claim.owner and dt.date.fromisoformat(claim.due)


def test_usage_reports_the_tokens_the_server_counted(drafts):
    for draft in drafts.values():
        if draft.usage.calls:
            assert draft.usage.prompt_tokens > 0 and draft.usage.completion_tokens > 0
            assert draft.usage.prompt_tokens / draft.usage.calls < 8192


def test_every_claim_can_be_checked_by_the_verifier(drafts):
    from tools.verify import verify_claim

    bundle = Bundle.model_validate(json.loads(EXAMPLE.read_text()))
    verified = {p: [verify_claim(c, bundle) for c in part_claims(d)] for p, d in drafts.items()}
    assert any(verified.values())
    for claim in (c for claims in verified.values() for c in claims):
        assert isinstance(claim.supported, bool)
        assert claim.supported or claim.reasons, claim
    log.info("smollm2 drafts: %s", json.dumps(_summary(drafts, verified)))


def _summary(drafts: dict[str, PartDraft], verified: dict[str, list[Claim]]) -> dict:
    """Return what the model did per part: source, claims, supported claims, calls, tokens, reasons."""
    return {
        part: {
            "from_model": draft.fallback_reason is None,
            "fallback_reason": draft.fallback_reason,
            "claims": len(verified[part]),
            "supported": sum(c.supported for c in verified[part]),
            "calls": draft.usage.calls,
            "prompt_tokens": draft.usage.prompt_tokens,
            "completion_tokens": draft.usage.completion_tokens,
            "texts": [(c.text[:80], c.citations, c.supported, c.reasons[:2]) for c in verified[part]],
        }
        for part, draft in drafts.items()
    }
