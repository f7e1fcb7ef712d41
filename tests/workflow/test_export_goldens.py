"""Golden exports of every demo account, per audience and format, from runs approved through the service.

Regenerate after an intended change of drafting, verification or layout, then read the diff:
    UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/workflow/test_export_goldens.py -q
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from api.render import export
from demo import DEMO_ACCOUNTS, demo_bundles
from graph.service import RecapService
from state.bundle import Bundle
from state.run import Decision, Edits, RunView
from tests.conftest import AS_OF
from tools.settings import Settings

GOLDENS = Path(__file__).resolve().parents[1] / "goldens" / "exports"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
FORMATS = {"md": "md", "html": "html", "email": "txt"}
ACCOUNTS = [a.account_id for a in DEMO_ACCOUNTS]
FIXED = {
    "run_id": "run-golden",
    "created_at": f"{AS_OF}T09:00:00.000+00:00",
    "updated_at": f"{AS_OF}T10:00:00.000+00:00",
    "decided_at": f"{AS_OF}T10:00:00.000+00:00",
}


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[RunView, Bundle]]:
    """Run every demo account, remove any unsupported claim, approve as its owner; ids and times fixed."""
    svc = RecapService(Settings(db=str(tmp_path_factory.mktemp("goldens") / "recap.db"), as_of=AS_OF, llm="offline"))
    out = {}
    for raw in demo_bundles():
        svc.load_bundle(raw)
        owner = raw["account"]["owner"]
        run = svc.start_run(raw["account"]["id"], owner)
        bad = [c.id for c in run.recap.all_claims() if not c.supported] if run.recap else []
        if bad:
            run = svc.resume(run.run_id, Decision(decision="edit", edits=Edits(remove=bad)), owner)
        run = svc.resume(run.run_id, Decision(decision="approve", comment="Checked with the team."), owner)
        assert run.status == "approved", run.stop_reasons
        out[run.account_id] = (run.model_copy(update=FIXED), svc.store.bundle(run.account_id))
    return out


def check_golden(name: str, text: str) -> None:
    path = GOLDENS / name
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        assert UPDATE, f"{name} was missing and has been written; rerun to compare"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; regenerate with UPDATE_GOLDENS=1 if intended"


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("audience", ["internal", "customer"])
@pytest.mark.parametrize("account_id", ACCOUNTS)
def test_export_matches_its_golden(approved: dict, account_id: str, audience: str, fmt: str) -> None:
    run, bundle = approved[account_id]
    text = export(run, bundle, audience, fmt).content.decode("utf-8")
    check_golden(f"{account_id}.{audience}.{FORMATS[fmt]}", text)


@pytest.mark.parametrize("audience", ["internal", "customer"])
def test_pdf_text_holds_the_sections(approved: dict, audience: str) -> None:
    run, bundle = approved["acc-northwind"]
    pdf = export(run, bundle, audience, "pdf").content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "Northwind Health" in flat and "Executive Summary" in flat and "Key Achievements" in flat
    assert "Value recap" in flat and "Cut first-response time for patient enquiries" in flat
    if audience == "customer":
        assert "Sources" in flat and "Reviewed and approved by u-maria" in flat
        assert "kpi-nw-1" not in flat and "Risks and Blockers" not in flat and "Immediate Actions" not in flat
    else:
        assert "APPROVED by u-maria" in flat and "Risks and Blockers" in flat and "Checked with the team." in flat
