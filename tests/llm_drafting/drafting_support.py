"""Helpers shared by the LLM drafting tests: the example account, a fake fallback, big bundles."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

from state.bundle import Bundle
from state.evidence import EvidencePack
from state.recap import Claim
from tools.drafting.base import PartDraft

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


def big_bundle(raw: dict, activities: int) -> Bundle:
    """Return the example bundle with `activities` extra activities with long notes."""
    extra = [
        {
            "id": f"act-x-{i}",
            "date": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}",
            "type": "Note",
            "parent_type": "objective",
            "parent_id": "obj-nw-1",
            "subject": f"Note {i}",
            "notes": "Routine check-in about response times and staffing. " * 8,
        }
        for i in range(activities)
    ]
    return Bundle.model_validate({**raw, "activities": raw["activities"] + extra})


def closed_port_url() -> str:
    """Return a loopback base URL on a port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
