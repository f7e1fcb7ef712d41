"""Fixtures for the LLM drafter: a loopback OpenAI-compatible server and the example account."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback_openai import LoopbackOpenAI

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import Claim
from tools.drafting.base import PartDraft
from tools.drafting.llm import LlmDrafter
from tools.evidence import build_evidence

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-bundle.json"
AS_OF = dt.date(2026, 11, 23)


class FakeOffline:
    """A fallback drafter that writes one recognisable claim per part and counts its calls."""

    name = "fake-offline"
    prompt_version = "fake-1"

    def __init__(self) -> None:
        self.parts: list[str] = []

    def preflight(self) -> None:
        """Do nothing."""

    def draft(self, part: str, pack: EvidencePack, bundle: Bundle) -> PartDraft:
        """Return one offline claim citing the account."""
        self.parts.append(part)
        return PartDraft(part=part, claims=[Claim(id="", text="offline claim", citations=[pack.account_id])])


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


def big_bundle(raw: dict, activities: int) -> Bundle:
    """Return the example bundle with `activities` extra activities with long notes."""
    extra = [
        {"id": f"act-x-{i}", "date": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}", "type": "Note",
         "parent_type": "objective", "parent_id": "obj-nw-1", "subject": f"Note {i}",
         "notes": "Routine check-in about response times and staffing. " * 8}
        for i in range(activities)
    ]
    return Bundle.model_validate({**raw, "activities": raw["activities"] + extra})
