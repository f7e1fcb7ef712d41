"""Splice generated content into README.md between <!-- BEGIN name --> and <!-- END name --> markers.

Run after `python -m evals` and `python -m evals.bench`: the README then shows the numbers those
commands just measured, and the graph diagram drawn from the code. `--transcripts` also reruns the
CLI and HTTP walkthroughs (a real `recap serve` on loopback) and pastes what they printed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def graph_diagram() -> str:
    """Return the recap graph as Mermaid, drawn by LangGraph from graph.build."""
    from graph.build import build_graph

    return "```mermaid\n" + build_graph().get_graph().draw_mermaid().strip() + "\n```"


def file_text(path: str) -> str:
    """Return a generated file's text, or say that it has not been generated yet."""
    target = ROOT / path
    return target.read_text().strip() if target.exists() else f"*(not generated yet: {path})*"


def blind_table() -> str:
    """Return the first table of the blind evaluation (the per-set figures), without the per-category detail."""
    text = file_text("evals/results/blind.md")
    lines = text.splitlines()
    table = [
        line
        for line in lines[: next((i for i, line in enumerate(lines) if line.startswith("Per category")), None)]
        if line.startswith("|")
    ]
    return "\n".join(table) if table else text


def splice(readme: str, name: str, content: str) -> str:
    """Replace the text between the markers called `name`."""
    pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no markers for {name}")
    return pattern.sub(lambda m: m.group(1) + content.strip() + "\n" + m.group(2), readme)


def main() -> None:
    """Update every generated block of the README."""
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text()
    readme = splice(readme, "graph", graph_diagram())
    if "--transcripts" in sys.argv:
        sys.path.insert(0, str(ROOT / "scripts"))
        import transcripts

        readme = splice(readme, "transcript", transcripts.cli_transcript())
        readme = splice(readme, "api", transcripts.api_transcript())
    readme = splice(readme, "blind", blind_table())
    readme = splice(readme, "evals", file_text("evals/results/latest.md"))
    readme = splice(readme, "bench", file_text("evals/results/bench.md"))
    readme = splice(readme, "llm", file_text("evals/results/llm.md"))
    readme_path.write_text(readme)


if __name__ == "__main__":
    main()
