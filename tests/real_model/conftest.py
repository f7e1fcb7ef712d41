"""Fixtures for `real_llm` tests: a session-wide SmolLM2 server and the environment pointing at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from smollm2_server import API_KEY, MODEL_NAME, smollm2_gguf, start_server, stop_server


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start llama.cpp's server on SmolLM2-135M on a free loopback port; yield its base URL (…/v1)."""
    model = smollm2_gguf()
    process, url = start_server(model, tmp_path_factory.mktemp("llama") / "server.log")
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture
def smollm2_env(llama_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point RECAP_LLM and the OPENAI_ variables at the local server (for full-graph runs); return its URL."""
    monkeypatch.setenv("RECAP_LLM", f"openai:{MODEL_NAME}")
    monkeypatch.setenv("OPENAI_BASE_URL", llama_server)
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.setenv("RECAP_LLM_TIMEOUT", "600")
    return llama_server
