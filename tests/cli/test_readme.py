"""The README's promises still hold: two commands first, the demo command works, the diagram is current."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def first_block() -> list[str]:
    match = re.search(r"```sh\n(.*?)```", README, re.S)
    assert match, "the README must open with a ```sh block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_commands() -> None:
    assert README.index("```sh") < README.index("\n## "), "the command block comes before any section"
    setup, tests = first_block()
    assert setup.startswith("python3 -m venv .venv") and "pip install" in setup and "recap demo" in setup
    assert tests == "./scripts/test.sh"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "exec ./scripts/test.sh" in ci


def test_the_documented_demo_command_runs(tmp_path: Path) -> None:
    setup = first_block()[0]
    demo = shlex.split(setup.split("&&")[-1].strip())
    assert demo[0] == ".venv/bin/recap"
    demo[0] = str(Path(sys.executable).parent / "recap")
    env = {**os.environ, "RECAP_AS_OF": "2026-11-23"}
    out = subprocess.run(demo, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "acc-northwind" in out.stdout and "DRAFT: awaiting review by the account owner" in out.stdout
    assert (tmp_path / "demo.db").exists()


def test_the_graph_diagram_in_the_readme_is_generated_from_the_code() -> None:
    from graph.build import build_graph

    diagram = build_graph().get_graph().draw_mermaid().strip()
    assert diagram in README
