"""The owner's view of a run: every claim with its verdict, reasons, flags and record ids; the appendix."""

from __future__ import annotations

from state.bundle import Bundle
from state.recap import CAVEATS, SECTION_IDS, SECTION_TITLES, VALUE_RECAP, Claim, Recap
from state.run import RunView
from tools.drafting.bound import VALUE_RECAP_ITEMS
from tools.labels import record_labels
from tools.render.document import Block, Document, Item, period, stamp

FIELD_TITLES = {
    "goal": "Original goal",
    "delivered_work": "Delivered work",
    "evidence": "Evidence",
    "outcome": "Customer outcome",
    "open_risk": "Open risk",
    "next_recommendation": "Next recommendation",
}
APPENDIX_TITLES = {
    **SECTION_TITLES,
    VALUE_RECAP: "Value recap: goals",
    VALUE_RECAP_ITEMS: "Value recap: details",
    CAVEATS: "Proof and caveats",
}


def words(code: str) -> str:
    """Turn an identifier into words: `proven_outcome` -> "proven outcome"."""
    return code.replace("_", " ")


def attestation(claim: Claim) -> str | None:
    """Say who attested an unverifiable claim (never that it was verified)."""
    if not claim.attested_by:
        return None
    when = f" on {claim.attested_at[:10]}" if claim.attested_at else ""
    return f"attested by the owner ({claim.attested_by}{when}), not verified"


def internal_item(claim: Claim, label: str | None = None) -> Item:
    """Show a claim to the owner with everything the review needs."""
    recommendation = claim.kind == "recommendation"
    return Item(
        text=claim.text,
        label=label,
        kind=None if recommendation or not claim.kind else words(claim.kind),
        owner=(claim.owner or "?") if recommendation else None,
        due=(claim.due or "?") if recommendation else None,
        claim_id=claim.id,
        verdict=claim.verdict,
        reasons=[] if claim.verdict == "supported" else claim.reasons,
        attested=attestation(claim),
        flags=[words(f) for f in claim.flags],
        refs=list(claim.citations),
    )


def _unverified(claim: Claim) -> Item:
    """Show a left-out claim: it was never verified, so it carries no verdict."""
    return internal_item(claim).model_copy(update={"verdict": None, "reasons": [], "claim_id": None})


def _omitted(recap: Recap) -> dict[str, str]:
    return {o.part: o.line() for o in recap.appendix}


def _body(recap: Recap, bundle: Bundle) -> dict:
    omitted = _omitted(recap)
    goal_names = {o.id: o.name for o in bundle.objectives}
    sections = [
        Block(
            title=SECTION_TITLES[s], items=[internal_item(c) for c in recap.sections.get(s, [])], omitted=omitted.get(s)
        )
        for s in SECTION_IDS
    ]
    goals = [
        Block(
            title=goal_names.get(e.objective_id, e.objective_id),
            items=[internal_item(c, FIELD_TITLES[f]) for f, c in e.claims()],
        )
        for e in recap.value_recap
    ]
    goals_omitted = "; ".join(omitted[p] for p in (VALUE_RECAP, VALUE_RECAP_ITEMS) if p in omitted) or None
    caveats = Block(
        title="Proof and caveats",
        items=[internal_item(c) for c in recap.caveats],
        omitted=omitted.get(CAVEATS),
        empty="No caveats.",
    )
    appendix = [
        Block(
            title=f"{APPENDIX_TITLES.get(o.part, o.part)}: {o.line().removesuffix(', in the appendix')}",
            items=[_unverified(c) for c in o.claims],
        )
        for o in recap.appendix
    ]
    cited = list(dict.fromkeys(r for c in recap.all_claims() for r in c.citations))
    return {
        "sections": sections,
        "goals": goals,
        "goals_omitted": goals_omitted,
        "caveats": caveats,
        "appendix": appendix,
        "sources": list(record_labels(bundle, cited).items()),
    }


def internal_document(run: RunView, bundle: Bundle) -> Document:
    """Build the owner's view of a run (any status)."""
    drafting = run.drafting
    cost = (
        f" ({drafting.calls} calls, {drafting.prompt_tokens} prompt + {drafting.completion_tokens} completion "
        f"tokens, prompts {drafting.prompt_version})"
        if drafting.calls
        else ""
    )
    run_line = f"Run {run.run_id} · as of {run.as_of} · drafted by {drafting.drafter}{cost}"
    if run.outdated:
        run_line += " · OUTDATED: the account's records changed since this draft"
    stops = [
        f"{words(r.code)}: {r.message}"
        + (f" (claims {', '.join(r.claim_ids)})" if r.claim_ids else "")
        + (f" [{', '.join(r.record_ids)}]" if r.record_ids else "")
        for r in run.stop_reasons
    ]
    body = _body(run.recap, bundle) if run.recap else {}
    return Document(
        audience="internal",
        account=bundle.account.name,
        title=f"{bundle.account.name}: account recap",
        period=period(run, bundle),
        owner=run.owner,
        as_of=run.as_of,
        stamp=stamp(run),
        run_line=run_line,
        stop_reasons=stops,
        sources_title="Citations",
        **body,
    )
