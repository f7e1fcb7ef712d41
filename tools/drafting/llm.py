"""The ChatOpenAI drafter: bounded prompts, structured output, one repair, then the offline fallback."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import BaseModel

from state.bundle import Bundle
from state.errors import InputInvalid, TransientDraftError
from state.evidence import EvidencePack
from state.recap import RECOMMENDATION_SECTIONS, SECTION_IDS, VALUE_RECAP, Claim, ValueRecapEntry
from tools.drafting import prompts
from tools.drafting.base import Drafter, DraftUsage, PartDraft
from tools.drafting.checkable import (
    claim_citations,
    entry_claims,
    rebuild_entry,
    repair_request,
    take_repairs,
    unconfirmed,
)
from tools.drafting.client import DEFAULT_BASE_URL, ChatClient, Unusable
from tools.drafting.context import select_evidence
from tools.drafting.schemas import goal_model, repair_model, section_model

PROVEN_TYPES = frozenset({"objective_kpi", "usage", "feedback"})
# Sections that may honestly be empty (a healthy account, no growth signal); the others need a claim.
MAY_BE_EMPTY = frozenset({"risks_and_blockers", "expansion_opportunities"})
MAX_GOAL_WORKERS = 4


class LlmDrafter:
    """Drafts each part with one structured-output call on bounded evidence.

    An answer that does not fit its schema gets one repair; claims the verifier cannot confirm get one
    targeted repair naming them and the verifier's reasons.
    """

    name = "openai"
    prompt_version = prompts.PROMPT_VERSION

    def __init__(
        self,
        model: str,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        method: str = "function_calling",
        timeout: float = 60.0,
        fallback: Drafter | None = None,
        budget_tokens: int = 1500,
        threshold: float = 0.5,
    ) -> None:
        self.model = model
        self.threshold = threshold
        self.client = ChatClient(model, base_url, api_key, method, timeout)
        self.budget_tokens = budget_tokens
        self._fallback = fallback

    def preflight(self) -> None:
        """Raise DrafterUnavailable with one clear message if the model server cannot be used."""
        self.client.preflight()

    def draft(self, part: str, pack: EvidencePack, bundle: Bundle) -> PartDraft:
        """Draft `part`; bad output is repaired once, then replaced by the offline drafter's part."""
        usage = DraftUsage()
        try:
            if part == VALUE_RECAP:
                return self._draft_value_recap(pack, bundle, usage)
            if part in SECTION_IDS:
                return self._draft_section(part, pack, bundle, usage)
        except Unusable as exc:
            return self._fall_back(part, pack, bundle, usage, str(exc))
        raise InputInvalid(f"unknown recap part: {part}")

    def _draft_section(self, part: str, pack: EvidencePack, bundle: Bundle, usage: DraftUsage) -> PartDraft:
        records = select_evidence(part, pack, bundle, self.budget_tokens)
        if part == "key_achievements" and not any(r["id"] in pack.eligible_kpi_ids for r in records):
            return PartDraft(part=part, usage=usage)
        recommend = part in RECOMMENDATION_SECTIONS
        least = 0 if part in MAY_BE_EMPTY else 1
        schema = section_model(_ids(records), _owners(pack, records) if recommend else None, least)
        asked = self._messages(prompts.SECTION_TASKS[part], pack, records, schema)
        answer = self.client.ask(schema, asked, usage)
        types = _types(records)
        claims = [_claim(c, part, _section_kind(part, claim_citations(c), types)) for c in answer.claims]
        claims = self._repaired(claims, records, asked, bundle, usage)
        return PartDraft(part=part, claims=claims, usage=usage)

    def _repaired(
        self, claims: list[Claim], records: list[dict], asked: list[tuple[str, str]], bundle: Bundle, usage: DraftUsage
    ) -> list[Claim]:
        """Give the claims the verifier cannot confirm one targeted repair; keep what it does not improve."""
        bad = unconfirmed(claims, bundle, self.threshold)
        if not bad:
            return claims
        schema = repair_model(_ids(records), len(bad))
        request = repair_request([c for _, c in bad], self.client.method, schema.__name__)
        try:
            answer = self.client.ask_once(schema, [*asked, request], usage)
        except (Unusable, TransientDraftError):
            return claims  # the repair is a second chance, not a condition: the draft stands as it is
        if answer is None:
            return claims
        return take_repairs(claims, bad, answer.claims, bundle, self.threshold)

    def _draft_value_recap(self, pack: EvidencePack, bundle: Bundle, usage: DraftUsage) -> PartDraft:
        goal_ids = [g.objective_id for g in pack.goals] or [o.id for o in bundle.objectives]
        if not goal_ids:
            return PartDraft(part=VALUE_RECAP, usage=usage)
        usages = [DraftUsage() for _ in goal_ids]
        with ThreadPoolExecutor(max_workers=min(MAX_GOAL_WORKERS, len(goal_ids))) as pool:
            futures = [pool.submit(self._goal, oid, pack, bundle, u) for oid, u in zip(goal_ids, usages, strict=True)]
            results = [f.result() for f in futures]
        for u in usages:
            _add(usage, u)
        failed = {oid: r for oid, r in zip(goal_ids, results, strict=True) if isinstance(r, str)}
        if len(failed) == len(goal_ids):
            raise Unusable(next(iter(failed.values())))
        draft = PartDraft(part=VALUE_RECAP, usage=usage)
        for result in results:
            if not isinstance(result, str):
                draft.value_recap.append(result[0])
                draft.caveats.extend(result[1])
        return self._fill_failed_goals(draft, goal_ids, failed, pack, bundle) if failed else draft

    def _goal(
        self, objective_id: str, pack: EvidencePack, bundle: Bundle, usage: DraftUsage
    ) -> tuple[ValueRecapEntry, list[Claim]] | str:
        """Return one goal's entry and caveats, or why the model's answer could not be used."""
        records = select_evidence(VALUE_RECAP, pack, bundle, self.budget_tokens, objective_id)
        schema = goal_model(_ids(records), _owners(pack, records))
        task = prompts.GOAL_TASK.format(objective_id=objective_id)
        asked = self._messages(task, pack, records, schema)
        try:
            answer = self.client.ask(schema, asked, usage)
        except Unusable as exc:
            return f"{objective_id}: {exc}"
        entry, caveats = _entry(objective_id, answer, _types(records))
        claims = self._repaired(entry_claims(entry, caveats), records, asked, bundle, usage)
        return rebuild_entry(entry, caveats, claims)

    def _fill_failed_goals(
        self, draft: PartDraft, goal_ids: list[str], failed: dict[str, str], pack: EvidencePack, bundle: Bundle
    ) -> PartDraft:
        """Take the offline drafter's entries for the goals whose answers could not be used."""
        offline = self._offline().draft(VALUE_RECAP, pack, bundle)
        by_goal = {e.objective_id: e for e in offline.value_recap}
        entries = {e.objective_id: e for e in draft.value_recap}
        entries.update({oid: by_goal[oid] for oid in failed if oid in by_goal})
        order = [oid for oid in goal_ids if oid in entries]
        reason = "; ".join(failed.values())
        return draft.model_copy(update={"value_recap": [entries[o] for o in order], "fallback_reason": reason})

    def _fall_back(self, part: str, pack: EvidencePack, bundle: Bundle, usage: DraftUsage, reason: str) -> PartDraft:
        draft = self._offline().draft(part, pack, bundle)
        return draft.model_copy(update={"usage": usage, "fallback_reason": reason})

    def _messages(self, task: str, pack: EvidencePack, records: list[dict], schema: type[BaseModel]) -> list:
        return messages(task, pack, records, schema, self.client.method)

    def _offline(self) -> Drafter:
        if self._fallback is not None:
            return self._fallback
        from tools.drafting.offline import OfflineDrafter  # written alongside; imported when first needed

        return OfflineDrafter()


def messages(
    task: str, pack: EvidencePack, records: list[dict], schema: type[BaseModel], method: str
) -> list[tuple[str, str]]:
    """Return the system and user messages: fixed instructions, then the records in their data block."""
    user = prompts.USER.format(
        as_of=pack.as_of,
        owner=pack.owner,
        task=task,
        data_open=prompts.DATA_OPEN,
        records=prompts.data_block(records),
        data_close=prompts.DATA_CLOSE,
        answer=prompts.answer_hint(method, schema.__name__),
    )
    return [("system", prompts.SYSTEM), ("human", user)]


def _ids(records: list[dict]) -> list[str]:
    return [r["id"] for r in records]


def _types(records: list[dict]) -> dict[str, str]:
    return {r["id"]: r["type"] for r in records}


def _owners(pack: EvidencePack, records: list[dict]) -> list[str]:
    return [pack.owner, *(r["id"] for r in records if r["type"] == "contact")]


def _add(total: DraftUsage, part: DraftUsage) -> None:
    total.calls += part.calls
    total.prompt_tokens += part.prompt_tokens
    total.completion_tokens += part.completion_tokens


def _proven(citations: list[str], types: dict[str, str]) -> str:
    """Label a value claim: proven when it rests on KPI values, usage data or feedback."""
    return "proven_outcome" if any(types.get(c) in PROVEN_TYPES for c in citations) else "likely_benefit"


def _section_kind(part: str, citations: list[str], types: dict[str, str]) -> str | None:
    if part in RECOMMENDATION_SECTIONS:
        return "recommendation"
    if part == "expansion_opportunities":
        return "likely_benefit"
    return _proven(citations, types) if part == "key_achievements" else None


def _claim(out: Any, section: str, kind: str | None = None) -> Claim:
    due = getattr(out, "due", None)
    return Claim(
        id="",
        text=" ".join(out.text.split()),
        citations=claim_citations(out),
        kind=kind,
        owner=getattr(out, "owner", None),
        due=due.isoformat() if due else None,
        section=section,
    )


def _entry(objective_id: str, out: Any, types: dict[str, str]) -> tuple[ValueRecapEntry, list[Claim]]:
    def value(c: Any) -> Claim:
        return _claim(c, VALUE_RECAP, _proven(claim_citations(c), types))

    entry = ValueRecapEntry(
        objective_id=objective_id,
        goal=_claim(out.goal, VALUE_RECAP),
        delivered_work=[_claim(c, VALUE_RECAP) for c in out.delivered_work],
        evidence=[value(c) for c in out.evidence],
        outcome=value(out.outcome),
        open_risk=[_claim(c, VALUE_RECAP) for c in out.open_risk],
        next_recommendation=_claim(out.next_recommendation, VALUE_RECAP, "recommendation"),
    )
    return entry, [_claim(c, "caveats") for c in out.caveats]
