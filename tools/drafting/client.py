"""Structured-output calls to an OpenAI-compatible server: errors sorted, one repair, usage counted.

Retries of transient failures belong to the graph (LangGraph RetryPolicy), so ChatOpenAI runs with
`max_retries=0` and a timeout, and transient failures surface as TransientDraftError.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import openai
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from state.errors import DrafterUnavailable, InputInvalid, TransientDraftError
from tools.drafting import prompts
from tools.drafting.base import DraftUsage
from tools.drafting.limits import limiter
from tools.settings import Settings

DEFAULT_BASE_URL = "https://api.openai.com/v1"
LOCAL_API_KEY = "sk-local-no-key"  # local servers (llama.cpp, vLLM, Ollama) accept any key
METHODS = ("function_calling", "json_schema")
MAX_OUTPUT_TOKENS = 1500
PREFLIGHT_TIMEOUT = 5.0
RETRYABLE_STATUS = frozenset({408, 409, 429})
ECHO_CHARS = 2000


class Unusable(Exception):  # noqa: N818 - control flow inside the drafter, never leaves it
    """The model's answer could not be used; the message says why."""


@dataclass(frozen=True)
class ModelConfig:
    """Where and how to reach the model that RECAP_LLM names."""

    model: str
    base_url: str
    api_key: str | None
    method: str
    timeout: float


def model_config(settings: Settings, env: Mapping[str, str] | None = None) -> ModelConfig | None:
    """Return the model RECAP_LLM names (None for `offline`); read OPENAI_BASE_URL and OPENAI_API_KEY."""
    spec = (settings.llm or "offline").strip()
    if spec == "offline":
        return None
    provider, _, model = spec.partition(":")
    if provider != "openai" or not model.strip():
        raise InputInvalid(f"RECAP_LLM must be `offline` or `openai:MODEL`, not {spec!r}")
    if settings.llm_method not in METHODS:
        raise InputInvalid(f"RECAP_LLM_METHOD must be one of {', '.join(METHODS)}, not {settings.llm_method!r}")
    env = os.environ if env is None else env
    base_url = (env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    api_key = env.get("OPENAI_API_KEY") or (None if base_url == DEFAULT_BASE_URL else LOCAL_API_KEY)
    return ModelConfig(model.strip(), base_url, api_key, settings.llm_method, settings.llm_timeout)


class ChatClient:
    """Asks one OpenAI-compatible chat model for one structured answer at a time; safe across threads."""

    def __init__(self, model: str, base_url: str, api_key: str | None, method: str, timeout: float) -> None:
        self.model, self.base_url, self.api_key = model, base_url.rstrip("/"), api_key
        self.method, self.timeout = method, timeout

    def chat(self) -> ChatOpenAI:
        """Return a fresh ChatOpenAI (one per call, so threads share nothing mutable)."""
        limit: dict[str, Any] = {"max_tokens": MAX_OUTPUT_TOKENS}
        hosted = self.base_url == DEFAULT_BASE_URL  # OpenAI wants max_completion_tokens, local servers max_tokens
        return ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=self.api_key or LOCAL_API_KEY,
            timeout=self.timeout,
            max_retries=0,
            temperature=0,
            **(limit if hosted else {"extra_body": limit}),
        )

    def ask(self, schema: type[BaseModel], messages: list[tuple[str, str]], usage: DraftUsage) -> Any:
        """Return the answer as `schema`, after at most one repair; raise Unusable when both fail."""
        answer, raw, error = self._once(schema, messages, usage)
        if answer is not None:
            return answer
        repair = prompts.REPAIR.format(
            previous=prompts.defuse(raw[:ECHO_CHARS]),
            error=prompts.defuse(error[:ECHO_CHARS]),
            answer=prompts.answer_hint(self.method, schema.__name__),
        )
        answer, _, error = self._once(schema, [*messages, ("human", repair)], usage)
        if answer is not None:
            return answer
        raise Unusable(f"the model's answer did not fit the {schema.__name__} schema twice: {_first_line(error)}")

    def ask_once(self, schema: type[BaseModel], messages: list[tuple[str, str]], usage: DraftUsage) -> Any | None:
        """Return the answer as `schema` from one call, or None when it does not fit (no repair)."""
        return self._once(schema, messages, usage)[0]

    def _once(
        self, schema: type[BaseModel], messages: list[tuple[str, str]], usage: DraftUsage
    ) -> tuple[Any, str, str]:
        """Make one call; return (answer or None, the raw answer text, the validation error)."""
        runnable = self.chat().with_structured_output(schema, method=self.method, include_raw=True)  # type: ignore[arg-type]
        try:
            with limiter().slot():
                out = runnable.invoke(messages)
        except openai.RateLimitError as exc:
            limiter().back_off(_retry_after(exc))
            raise _translate(exc, self.base_url) from exc
        except openai.APIError as exc:
            raise _translate(exc, self.base_url) from exc
        raw = out.get("raw")
        _count(usage, raw)
        parsed = out.get("parsed")
        if isinstance(parsed, schema):
            return parsed, "", ""
        error = out.get("parsing_error")
        reason = str(error) if error else f"the answer did not contain a {schema.__name__} object"
        return None, _raw_text(raw), reason

    def preflight(self) -> None:
        """Raise DrafterUnavailable with one clear message if the server is unreachable or refuses the key."""
        where = f"the model server at {self.base_url}"
        if not self.api_key:
            raise DrafterUnavailable(f"OPENAI_API_KEY is not set for {where}")
        try:
            response = httpx.get(
                f"{self.base_url}/models",
                headers={"Authorization": f"Bearer {self.api_key}"},
                timeout=PREFLIGHT_TIMEOUT,
            )
        except httpx.TimeoutException as exc:
            raise DrafterUnavailable(f"{where} did not answer within {PREFLIGHT_TIMEOUT:g} seconds") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise DrafterUnavailable(f"cannot reach {where}") from exc
        if response.status_code in (401, 403):
            raise DrafterUnavailable(f"{where} rejected the API key")
        if response.status_code >= 500:
            raise DrafterUnavailable(f"{where} is failing (HTTP {response.status_code})")


def _retry_after(exc: openai.APIStatusError) -> float | None:
    """Return the server's Retry-After in seconds, when it sent a number."""
    try:
        return float(exc.response.headers.get("retry-after", ""))
    except ValueError:
        return None


def _translate(exc: openai.APIError, base_url: str) -> Exception:
    """Sort an API error: transient ones are retried by the graph, the rest make the answer unusable."""
    where = f"the model server at {base_url}"
    if isinstance(exc, openai.APITimeoutError):
        return TransientDraftError(f"{where} timed out")
    if isinstance(exc, openai.APIConnectionError):
        return TransientDraftError(f"cannot reach {where}")
    status = getattr(exc, "status_code", None)
    if status is not None and (status in RETRYABLE_STATUS or status >= 500):
        return TransientDraftError(f"{where} answered HTTP {status}")
    return Unusable(f"{where} refused the request (HTTP {status})")


def _count(usage: DraftUsage, raw: AIMessage | None) -> None:
    usage.calls += 1
    meta = getattr(raw, "usage_metadata", None) or {}
    usage.prompt_tokens += int(meta.get("input_tokens") or 0)
    usage.completion_tokens += int(meta.get("output_tokens") or 0)


def _raw_text(raw: AIMessage | None) -> str:
    """Return what the model answered: its function arguments, or its text."""
    if raw is None:
        return ""
    if raw.tool_calls:
        return json.dumps(raw.tool_calls[0]["args"], ensure_ascii=False)
    if raw.invalid_tool_calls:
        return str(raw.invalid_tool_calls[0].get("args") or "")
    return raw.content if isinstance(raw.content, str) else json.dumps(raw.content)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[:3])[:300]
