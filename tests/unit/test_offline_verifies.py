"""Every claim the offline drafter writes verifies as supported against its own records."""

from __future__ import annotations

import pytest
from recap_bundles import AS_OF, SHAPES, bundle_of

from tools.achievements import filter_achievements
from tools.drafting.assemble import assemble_recap
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.offline import OfflineDrafter
from tools.evidence import build_evidence
from tools.verify import verify_recap


@pytest.mark.parametrize("name", list(SHAPES))
def test_every_offline_claim_is_supported(name: str) -> None:
    bundle = bundle_of(SHAPES[name]())
    pack = build_evidence(bundle, AS_OF)
    drafts = {part: OfflineDrafter().draft(part, pack, bundle) for part in DRAFT_PARTS}
    recap, _ = filter_achievements(assemble_recap(drafts, pack), bundle, 0.5, 5)
    verified = verify_recap(recap, bundle, 0.5)
    failures = [f"{c.id}: {c.text} -> {c.reasons}" for c in verified.all_claims() if not c.supported]
    assert failures == []
