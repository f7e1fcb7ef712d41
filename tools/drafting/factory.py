"""Build the configured drafter and judge; LangChain is imported only when a model is configured."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from tools.drafting.base import Drafter
from tools.settings import Settings

if TYPE_CHECKING:
    from tools.drafting.judge import LlmJudge


def _offline(settings: Settings) -> bool:
    return (settings.llm or "offline").strip() in ("", "offline")


def make_drafter(settings: Settings, env: Mapping[str, str] | None = None) -> Drafter:
    """Return the drafter RECAP_LLM names: the offline drafter, or ChatOpenAI for `openai:MODEL`."""
    if _offline(settings):
        from tools.drafting.offline import OfflineDrafter

        return OfflineDrafter()
    from tools.drafting.client import model_config
    from tools.drafting.limits import configure
    from tools.drafting.llm import LlmDrafter

    config = model_config(settings, env)
    configure(settings.llm_concurrency, settings.llm_rpm)
    assert config is not None  # only `offline` has no model, and that returned above
    return LlmDrafter(
        model=config.model,
        base_url=config.base_url,
        api_key=config.api_key,
        method=config.method,
        timeout=config.timeout,
        budget_tokens=settings.section_token_budget,
        threshold=settings.progress_threshold,
    )


def make_judge(settings: Settings, env: Mapping[str, str] | None = None) -> LlmJudge | None:
    """Return the judge when RECAP_LLM_JUDGE is on and RECAP_LLM names a model, else None."""
    if not settings.llm_judge or _offline(settings):
        return None
    from tools.drafting.client import model_config
    from tools.drafting.judge import LlmJudge

    config = model_config(settings, env)
    assert config is not None
    return LlmJudge(config.model, config.base_url, config.api_key, config.method, config.timeout)
