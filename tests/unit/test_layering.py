"""Imports point one way: state <- tools <- nodes <- graph <- api, evals."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["state", "tools", "nodes", "graph", "api", "evals", "demo"]
ALLOWED = {
    "state": {"state"},
    # Demo data is not a tool of the workflow: it builds bundles from the data shapes and nothing else.
    "demo": {"state", "demo"},
    "tools": {"state", "tools"},
    "nodes": {"state", "tools", "nodes"},
    "graph": {"state", "tools", "nodes", "graph"},
    "api": {"state", "tools", "nodes", "graph", "api", "demo"},
    "evals": {"state", "tools", "nodes", "graph", "evals", "demo"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(LAYERS)


@pytest.mark.parametrize("package", LAYERS)
def test_imports_point_one_way(package: str) -> None:
    bad = {}
    for path in (ROOT / package).rglob("*.py"):
        wrong = imported_packages(path) - ALLOWED[package]
        if wrong:
            bad[str(path.relative_to(ROOT))] = sorted(wrong)
    assert bad == {}


def test_no_test_folder_shadows_a_package() -> None:
    assert not [p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name in LAYERS]


def test_api_holds_only_the_app_and_the_cli() -> None:
    """The run lifecycle lives in graph/: nothing in api/ talks to LangGraph or LangChain itself."""
    heavy = {}
    for path in (ROOT / "api").rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        if names & {"langgraph", "langchain_core", "langchain_openai"}:
            heavy[str(path.relative_to(ROOT))] = sorted(names & {"langgraph", "langchain_core", "langchain_openai"})
    assert heavy == {}


def test_only_drafting_imports_a_drafter() -> None:
    """The drafters (tools/drafting/offline*, llm) are used by the drafting node and the factory, not by other tools."""
    drafters = ("tools.drafting.offline", "tools.drafting.llm")
    bad = {}
    for path in (ROOT / "tools").rglob("*.py"):
        if path.parent.name == "drafting":
            continue
        tree = ast.parse(path.read_text())
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        wrong = sorted(m for m in modules if m.startswith(drafters))
        if wrong:
            bad[str(path.relative_to(ROOT))] = wrong
    assert bad == {}
