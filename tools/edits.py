"""Apply the owner's edits to a draft: edit, remove and add claims (spec section 4, EDITS.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from state.errors import InputInvalid
from state.recap import CAVEATS, RECOMMENDATION_SECTIONS, SECTION_IDS, Claim, Recap
from state.run import ClaimAdd, Edits
from tools.attestation import attest, attest_problems, unattested

ADDABLE = (*SECTION_IDS, CAVEATS)
OWNER_ID = re.compile(r"own-(\d+)")


@dataclass
class EditSummary:
    """Which claims an edit changed, removed and added."""

    edited: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    caveats_added: list[str] = field(default_factory=list)
    attested: list[str] = field(default_factory=list)
    issued: int = 0


def _singular_ids(recap: Recap) -> set[str]:
    return {c.id for e in recap.value_recap for c in (e.goal, e.outcome, e.next_recommendation)}


def check_edits(recap: Recap, edits: Edits) -> None:
    """Raise InputInvalid naming every edit that does not fit this draft; change nothing."""
    known = {c.id for c in recap.all_claims()}
    problems = [
        f"edits.edit[{i}].id: no claim '{e.id}' in this draft" for i, e in enumerate(edits.edit) if e.id not in known
    ]
    problems += [
        f"edits.edit[{i}]: give text or citations to change"
        for i, e in enumerate(edits.edit)
        if e.text is None and e.citations is None
    ]
    singular = _singular_ids(recap)
    for i, rid in enumerate(edits.remove):
        if rid not in known:
            problems.append(f"edits.remove[{i}]: no claim '{rid}' in this draft")
        elif rid in singular:
            problems.append(f"edits.remove[{i}]: claim '{rid}' is a required part of a value-recap entry; edit it")
    problems += [
        f"edits.add[{i}].section: must be one of {', '.join(ADDABLE)}"
        for i, a in enumerate(edits.add)
        if a.section not in ADDABLE
    ]
    problems += attest_problems(recap, edits.attest, {e.id for e in edits.edit}, set(edits.remove))
    if problems:
        raise InputInvalid("; ".join(problems))


def _added_claim(add: ClaimAdd, claim_id: str) -> Claim:
    kind = add.kind or ("recommendation" if add.section in RECOMMENDATION_SECTIONS else None)
    return Claim(
        id=claim_id,
        text=add.text,
        citations=list(add.citations),
        kind=kind,
        owner=add.owner,
        due=add.due,
        section=add.section,
        origin="owner",
    )


def _next_owner_ids(recap: Recap, n: int, issued: int) -> list[str]:
    """Return `n` fresh ids after the `issued` ones: an id once given out (even if removed since) is never reused."""
    numbers = [int(c.id.removeprefix("own-")) for c in recap.all_claims() if OWNER_ID.fullmatch(c.id)]
    start = max([issued, *numbers]) + 1
    return [f"own-{i}" for i in range(start, start + n)]


def _edited(claim: Claim, text: str | None, citations: list[str] | None) -> Claim:
    """Return the claim with the owner's new words, unverified; new words drop an attestation."""
    update: dict[str, object] = {"origin": "owner", "verdict": "unverifiable", "supported": False, "reasons": []}
    if text is not None:
        update["text"] = text
    if citations is not None:
        update["citations"] = list(citations)
    changed = claim.model_copy(update=update)
    if (changed.text, changed.citations) != (claim.text, claim.citations):
        changed = unattested(changed)  # the attestation vouched for other words
    return changed


def apply_edits(
    recap: Recap, edits: Edits, actor: str = "owner", at: str = "", issued: int = 0
) -> tuple[Recap, EditSummary]:
    """Return the edited draft (edited and added claims unverified, origin owner) and what changed.

    Attested claims gain `attested_by` (`actor`) and `attested_at` (`at`) and keep their verdict.
    `issued` is how many owner claim ids the run has given out so far; `summary.issued` is the new count.
    """
    check_edits(recap, edits)
    changes = {e.id: e for e in edits.edit}
    removed = set(edits.remove)
    attested = set(edits.attest)
    summary = EditSummary(
        edited=[e.id for e in edits.edit if e.id not in removed],
        removed=list(edits.remove),
        attested=list(edits.attest),
    )

    def change(claim: Claim) -> Claim | None:
        if claim.id in removed:
            return None
        if claim.id in attested:
            return attest(claim, actor, at)
        edit = changes.get(claim.id)
        return claim if edit is None else _edited(claim, edit.text, edit.citations)

    edited = recap.map_claims(change)
    new_ids = _next_owner_ids(recap, len(edits.add), issued)
    summary.issued = max([issued, *(int(i.removeprefix("own-")) for i in new_ids)])
    for add, claim_id in zip(edits.add, new_ids, strict=True):
        claim = _added_claim(add, claim_id)
        if add.section == CAVEATS:
            edited.caveats.append(claim)
            summary.caveats_added.append(claim_id)
        else:
            edited.sections[add.section].append(claim)
        summary.added.append(claim_id)
    return edited, summary
