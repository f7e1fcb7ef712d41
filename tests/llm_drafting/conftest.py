"""Fixtures for the LLM drafter: a loopback OpenAI-compatible server and the example account."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from drafting_support import AS_OF, EXAMPLE, FakeOffline
from loopback_openai import LoopbackOpenAI

from state.bundle import Bundle
from state.evidence import EvidencePack
from tools.drafting.llm import LlmDrafter
from tools.evidence import build_evidence


@pytest.fixture
def server() -> Iterator[LoopbackOpenAI]:
    """Start a loopback OpenAI-compatible server for one test."""
    srv = LoopbackOpenAI().start()
    yield srv
    srv.stop()


@pytest.fixture
def bundle() -> Bundle:
    """Return the example bundle."""
    return Bundle.model_validate(json.loads(EXAMPLE.read_text()))


@pytest.fixture
def pack(bundle: Bundle) -> EvidencePack:
    """Return the example bundle's evidence pack as of 2026-11-23."""
    return build_evidence(bundle, AS_OF)


@pytest.fixture
def offline() -> FakeOffline:
    """Return a fresh fake fallback drafter."""
    return FakeOffline()


@pytest.fixture
def drafter(server: LoopbackOpenAI, offline: FakeOffline) -> LlmDrafter:
    """Return an LLM drafter talking to the loopback server, with the fake fallback."""
    return LlmDrafter("loopback-model", base_url=server.url, api_key="test-key", timeout=5.0, fallback=offline)
