"""Every claim the offline drafter writes verifies as supported against its own records."""

from __future__ import annotations

from datetime import date

import pytest
from recap_bundles import AS_OF, SHAPES, bundle_of

from demo import DEMO_ACCOUNTS, DEMO_AS_OF, demo_bundles
from tools.achievements import filter_achievements
from tools.drafting.assemble import assemble_recap
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.offline import OfflineDrafter
from tools.evidence import build_evidence
from tools.verify import verify_recap


def _unsupported(raw: dict, as_of: date) -> list[str]:
    """Draft every part offline, verify the recap, and return each claim that did not come back supported."""
    bundle = bundle_of(raw)
    pack = build_evidence(bundle, as_of)
    drafts = {part: OfflineDrafter().draft(part, pack, bundle) for part in DRAFT_PARTS}
    recap, _ = filter_achievements(assemble_recap(drafts, pack), bundle, 0.5, 5)
    verified = verify_recap(recap, bundle, 0.5)
    return [f"{c.id}: {c.text} -> {c.reasons}" for c in verified.all_claims() if not c.supported]


@pytest.mark.parametrize("name", list(SHAPES))
def test_every_offline_claim_is_supported(name: str) -> None:
    assert _unsupported(SHAPES[name](), AS_OF) == []


@pytest.mark.parametrize(
    ("account_id", "raw"),
    list(zip([a.account_id for a in DEMO_ACCOUNTS], demo_bundles(), strict=True)),
    ids=[a.account_id for a in DEMO_ACCOUNTS],
)
def test_every_offline_claim_on_every_demo_account_is_supported(account_id: str, raw: dict) -> None:
    assert raw["account"]["id"] == account_id
    assert _unsupported(raw, DEMO_AS_OF) == []
