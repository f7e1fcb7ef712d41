"""A claim must say something: a real model's bare dates and id fragments are not claims."""

from __future__ import annotations

import pytest

from state.bundle import Bundle
from state.recap import Claim
from tools.verify import verify_claim


@pytest.mark.parametrize(
    ("text", "citations", "supported"),
    [
        ("2026-10-30", ["fb-nw-1"], False),
        ("Use nw-2", ["kpi-nw-2"], False),
        ("SkillSet 3:50,40,60", ["kpi-nw-1"], False),
        ("NPS 9", ["fb-nw-1"], False),
        ("None yet.", ["obj-nw-2"], True),
        ("Dana Ruiz gave an NPS score of 9 on 2026-10-30.", ["fb-nw-1", "con-nw-1"], True),
    ],
    ids=["bare-date", "id-fragment", "numbers-soup", "one-word", "twin-two-words", "twin-sentence"],
)
def test_a_claim_needs_words(example_bundle: dict, text: str, citations: list[str], supported: bool) -> None:
    claim = verify_claim(Claim(id="c", text=text, citations=citations), Bundle.model_validate(example_bundle))
    assert claim.supported is supported, claim.reasons
    assert any("says too little" in r for r in claim.reasons) is (not supported)
