"""Render a run for people: Markdown or HTML (jinja2), with citations, flags and a status banner."""

from __future__ import annotations

from typing import Any

import markdown_it
from jinja2 import Environment, PackageLoader

from state.bundle import Bundle
from state.recap import SECTION_IDS, SECTION_TITLES
from state.run import RunView
from tools.labels import record_labels

FIELD_TITLES = {"goal": "Original goal", "delivered_work": "Delivered work", "evidence": "Evidence",
                "outcome": "Customer outcome", "open_risk": "Open risk", "next_recommendation": "Next recommendation"}
_env = Environment(loader=PackageLoader("api", "templates"), autoescape=False, trim_blocks=False,
                   keep_trailing_newline=True)


def _context(run: RunView, bundle: Bundle) -> dict[str, Any]:
    cited: list[str] = []
    if run.recap:
        for claim in run.recap.all_claims():
            cited += [c for c in claim.citations if c not in cited]
    return {"run": run, "recap": run.recap, "account_name": bundle.account.name,
            "sections": [(s, SECTION_TITLES[s]) for s in SECTION_IDS], "field_titles": FIELD_TITLES,
            "goal_names": {o.id: o.name for o in bundle.objectives}, "labels": record_labels(bundle, cited)}


def render_markdown(run: RunView, bundle: Bundle) -> str:
    """Return the run as Markdown for the owner."""
    return _env.get_template("recap.md.j2").render(**_context(run, bundle))


def render_html(run: RunView, bundle: Bundle) -> str:
    """Return the run as a standalone HTML page (customer text escaped)."""
    md = markdown_it.MarkdownIt("commonmark", {"html": False}).enable("table")
    body = md.render(render_markdown(run, bundle))
    title = f"{bundle.account.name}: account recap ({run.status})"
    return _env.get_template("page.html.j2").render(title=title, body=body, status=run.status)
