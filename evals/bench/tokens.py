"""Prompt size per section with the LLM drafter: the real prompt builder, tokens estimated as chars / 4."""

from __future__ import annotations

import json
from typing import Any

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import RECOMMENDATION_SECTIONS, SECTION_IDS, VALUE_RECAP
from tools.drafting import prompts
from tools.drafting.context import estimate_tokens, select_evidence
from tools.drafting.llm import messages
from tools.drafting.schemas import goal_model, section_model

METHOD = "function_calling"


def _tokens(task: str, pack: EvidencePack, records: list[dict], schema: Any) -> int:
    text = "\n".join(content for _, content in messages(task, pack, records, schema, METHOD))
    return estimate_tokens(text) + estimate_tokens(json.dumps(schema.model_json_schema()))


def _owners(pack: EvidencePack, records: list[dict]) -> list[str]:
    return [pack.owner, *(r["id"] for r in records if r["type"] == "contact")]


def prompt_tokens(pack: EvidencePack, bundle: Bundle, budget: int) -> dict[str, Any]:
    """Return estimated prompt tokens (messages plus the answer schema) per section, and per goal."""
    out: dict[str, Any] = {}
    for part in SECTION_IDS:
        records = select_evidence(part, pack, bundle, budget)
        ids = [r["id"] for r in records]
        schema = section_model(ids, _owners(pack, records) if part in RECOMMENDATION_SECTIONS else None)
        out[part] = _tokens(prompts.SECTION_TASKS[part], pack, records, schema)
    goals = []
    for goal in pack.goals:
        records = select_evidence(VALUE_RECAP, pack, bundle, budget, goal.objective_id)
        schema = goal_model([r["id"] for r in records], _owners(pack, records))
        goals.append(_tokens(prompts.GOAL_TASK.format(objective_id=goal.objective_id), pack, records, schema))
    out["value_recap_per_goal"] = max(goals, default=0)
    out["max_section"] = max(out[p] for p in SECTION_IDS)
    out["total"] = sum(out[p] for p in SECTION_IDS) + sum(goals)
    return out
