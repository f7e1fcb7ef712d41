"""Issue 11 items 8 and 11 from the command line: invalid text and misspelled fields are one clean line
on stderr naming the path (and the field meant), a non-zero exit, and nothing stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AS_OF, EXAMPLE, run_cli

RECAP = str(Path(sys.executable).parent / "recap")


def recap_process(db: str, *args: str | bytes) -> subprocess.CompletedProcess[str]:
    """Run `recap` as its own process, as a shell would (arguments may be raw bytes)."""
    env = {**os.environ, "RECAP_AS_OF": AS_OF, "RECAP_LLM": "offline", "RECAP_USER": "u-maria"}
    return subprocess.run(
        [RECAP, *args, "--db", db], capture_output=True, text=True, env=env, timeout=120, errors="replace"
    )


def _one_clean_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in stderr, stderr
    return lines[0]


def test_ingest_of_a_bundle_with_a_lone_surrogate_names_the_path(db_path: str, tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace('"title": "', '"title": "\\ud800', 1)
    bundle = tmp_path / "bundle.json"
    bundle.write_text(text)
    out = recap_process(db_path, "ingest", str(bundle))
    assert out.returncode == 1
    line = _one_clean_line(out.stderr)
    assert "contacts[0].title: contains invalid text" in line
    assert run_cli("run", "acc-northwind", "--db", db_path).returncode != 0  # nothing was stored


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kpis": "objective_kpis"}, "kpis: unknown field; did you mean objective_kpis?"),
        ({"objective_kpi": "objective_kpis"}, "objective_kpi: unknown field; did you mean objective_kpis?"),
    ],
    ids=["kpis", "objective_kpi"],
)
def test_ingest_refuses_a_misspelled_record_list(
    db_path: str, tmp_path: Path, change: dict[str, str], problem: str
) -> None:
    raw = json.loads(EXAMPLE.read_text())
    for wrong, right in change.items():
        raw[wrong] = raw.pop(right)
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(raw))
    out = run_cli("ingest", str(bundle), "--db", db_path)
    assert out.returncode == 1
    assert f"error: {bundle}: {problem}" in out.stderr.splitlines()
    assert run_cli("run", "acc-northwind", "--db", db_path).returncode != 0


def test_ingest_refuses_a_misspelled_record_field(db_path: str, tmp_path: Path) -> None:
    raw = json.loads(EXAMPLE.read_text())
    raw["playbook_tasks"][1]["titel"] = raw["playbook_tasks"][1].pop("title")
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(raw))
    out = run_cli("ingest", str(bundle), "--db", db_path)
    assert out.returncode == 1
    assert f"error: {bundle}: playbook_tasks[1].titel: unknown field; did you mean title?" in out.stderr


@pytest.fixture
def paused(db_path: str) -> dict:
    assert run_cli("ingest", str(EXAMPLE), "--db", db_path).returncode == 0
    out = run_cli("run", "acc-northwind", "--json", "--db", db_path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


EDITS = {
    "misspelled-text": ('{"edit": [{"id": "CLAIM", "txt": "x"}]}', "edit[0].txt: unknown field; did you mean text?"),
    "surrogate-id": ('{"edit": [{"id": "\\ud800", "text": "x"}]}', "edit[0].id: contains invalid text"),
    "surrogate-text": ('{"edit": [{"id": "CLAIM", "text": "\\udfff"}]}', "edit[0].text: contains invalid text"),
}


@pytest.mark.parametrize(("text", "problem"), EDITS.values(), ids=EDITS.keys())
def test_resume_with_bad_edits_is_one_line_and_leaves_the_run(
    db_path: str, tmp_path: Path, paused: dict, text: str, problem: str
) -> None:
    claim = paused["recap"]["sections"]["executive_summary"][0]["id"]
    edits = tmp_path / "edits.json"
    edits.write_text(text.replace("CLAIM", claim))
    out = recap_process(db_path, "resume", paused["run_id"], "--edit", str(edits))
    assert out.returncode == 1
    assert problem in _one_clean_line(out.stderr)
    shown = run_cli("show", paused["run_id"], "--format", "json", "--db", db_path)
    assert json.loads(shown.stdout) == paused


@pytest.mark.parametrize(
    "args",
    [("keys", "create", b"u-\xff"), ("resume", "run-x", "--approve", "--comment", b"\xed\xa0\x80")],
    ids=["user-id", "comment"],
)
@pytest.mark.sqlite_only("refused before any store is opened (a subprocess each): one backend is enough")
def test_an_argument_that_is_not_utf8_is_one_line(db_path: str, args: tuple[str | bytes, ...]) -> None:
    out = recap_process(db_path, *args)
    assert out.returncode != 0
    assert "is not valid UTF-8 text" in _one_clean_line(out.stderr)
