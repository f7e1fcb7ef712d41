"""An optional LLM judge that may add doubt to a claim the deterministic verifier passed.

It sees only the claim and the records it cites. It can never make a claim supported: the graph
only adds the `judge_doubt` flag and the reason it returns. When the judge itself fails (timeout,
unusable answer) it stays silent, because a missing doubt never changes a deterministic verdict.
"""

from __future__ import annotations

import json
import logging

from state.errors import TransientDraftError
from state.recap import Claim
from tools.drafting import prompts
from tools.drafting.base import DraftUsage
from tools.drafting.client import DEFAULT_BASE_URL, ChatClient, Unusable
from tools.drafting.context import HIDDEN_FIELDS, redact
from tools.drafting.schemas import judge_model

log = logging.getLogger(__name__)
NO_REASON = "the judge found something in the claim that its records do not state"


class LlmJudge:
    """Asks a chat model whether a claim's cited records back it."""

    def __init__(
        self,
        model: str,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        method: str = "function_calling",
        timeout: float = 60.0,
    ) -> None:
        self.model = model
        self.client = ChatClient(model, base_url, api_key, method, timeout)

    def judge(self, claim: Claim, cited_records: list[dict]) -> str | None:
        """Return why the cited records may not back `claim`, or None when the judge sees no problem."""
        schema = judge_model()
        try:
            verdict = self.client.ask(schema, judge_messages(claim, cited_records, self.client.method), DraftUsage())
        except (TransientDraftError, Unusable) as exc:
            log.warning("judge gave no verdict on claim %s: %s", claim.id, exc)
            return None
        if verdict.supported:
            return None
        return " ".join(verdict.reason.split()) or NO_REASON


def judge_messages(claim: Claim, cited_records: list[dict], method: str) -> list[tuple[str, str]]:
    """Return the judge's messages: the claim and its records inside delimited data blocks."""
    body = json.dumps({"text": claim.text, "citations": claim.citations}, ensure_ascii=False)
    records = [_shown(record) for record in cited_records]
    user = prompts.JUDGE_USER.format(
        claim=prompts.defuse(body),
        data_open=prompts.DATA_OPEN,
        records=prompts.data_block(records),
        data_close=prompts.DATA_CLOSE,
        answer=prompts.answer_hint(method, judge_model().__name__),
    )
    return [("system", prompts.JUDGE_SYSTEM), ("human", user)]


def _shown(record: dict) -> dict:
    """Return the record as the judge may see it: no contact email or phone, personal data redacted."""
    return {
        key: redact(value) if isinstance(value, str) and not key.endswith("id") else value
        for key, value in record.items()
        if key not in HIDDEN_FIELDS
    }
