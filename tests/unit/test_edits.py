"""Applying the owner's edits to a draft: pure, all-or-nothing, naming every bad edit."""

from __future__ import annotations

import pytest

from state.errors import InputInvalid
from state.recap import Claim, Recap, ValueRecapEntry
from state.run import Edits
from tools.edits import apply_edits


def claim(cid: str, section: str = "executive_summary", **kw: object) -> Claim:
    return Claim(id=cid, text=f"text {cid}", citations=["kpi-1"], section=section, supported=True, **kw)


@pytest.fixture
def recap() -> Recap:
    r = Recap()
    r.sections["executive_summary"] = [claim("es-1"), claim("es-2")]
    r.value_recap = [
        ValueRecapEntry(
            objective_id="obj-1",
            goal=claim("vr-goal", "value_recap"),
            outcome=claim("vr-out", "value_recap"),
            next_recommendation=claim("vr-next", "value_recap"),
        )
    ]
    r.caveats = [claim("cv-1", "caveats")]
    return r


def test_edit_marks_owner_origin_and_unverified(recap: Recap) -> None:
    out, summary = apply_edits(recap, Edits(edit=[{"id": "es-1", "text": "new"}]))
    edited = out.claim("es-1")
    assert edited.text == "new" and edited.origin == "owner" and not edited.supported
    assert edited.citations == ["kpi-1"] and summary.edited == ["es-1"]
    assert recap.claim("es-1").text == "text es-1"


def test_remove_and_add_with_stable_new_ids(recap: Recap) -> None:
    edits = Edits(
        remove=["es-2"],
        add=[
            {"section": "immediate_actions", "text": "Call Dana.", "citations": ["con-1"]},
            {"section": "caveats", "text": "A caveat.", "citations": ["kpi-1"]},
        ],
    )
    out, summary = apply_edits(recap, edits)
    assert out.claim("es-2") is None
    assert summary.added == ["own-1", "own-2"] and summary.caveats_added == ["own-2"]
    assert out.claim("own-1").kind == "recommendation" and out.claim("own-1").section == "immediate_actions"


@pytest.mark.parametrize(
    ("edits", "fragment"),
    [
        ({"edit": [{"id": "nope", "text": "x"}]}, "edits.edit[0].id: no claim 'nope'"),
        ({"edit": [{"id": "es-1"}]}, "give text or citations"),
        ({"remove": ["nope"]}, "edits.remove[0]: no claim 'nope'"),
        ({"remove": ["vr-goal"]}, "required part of a value-recap entry"),
        ({"add": [{"section": "nowhere", "text": "x", "citations": []}]}, "edits.add[0].section: must be one of"),
    ],
    ids=["edit-unknown-id", "edit-nothing", "remove-unknown-id", "remove-required", "add-unknown-section"],
)
def test_bad_edits_are_refused_whole(recap: Recap, edits: dict, fragment: str) -> None:
    with pytest.raises(InputInvalid, match=fragment.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        apply_edits(recap, Edits.model_validate(edits))


@pytest.mark.parametrize(
    "body",
    [{}, {"edit": [{"id": "es-1", "text": ""}]}, {"edit": "x"}, {"remove": [1]}, {"unknown": []}],
    ids=["empty", "empty-text", "edit-not-list", "remove-not-string", "unknown-key"],
)
def test_malformed_edit_bodies_fail_validation(body: dict) -> None:
    with pytest.raises(ValueError):
        Edits.model_validate(body)
