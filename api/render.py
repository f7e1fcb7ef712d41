"""Render a run for people: Markdown, HTML, PDF or an email body, for the owner or for the customer.

What each audience sees is decided below api/ (tools/render: internal.py, customer.py and the one
exclusion table); here the document is only laid out. Untrusted text is escaped for every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from state.bundle import Bundle
from state.errors import InputInvalid
from state.run import RunView
from tools.render.customer import customer_document
from tools.render.document import AUDIENCES, Document
from tools.render.escape import md_code, md_inline, one_line
from tools.render.internal import internal_document

FORMATS: tuple[str, ...] = ("md", "json", "html", "pdf", "email")
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "email": "text/plain; charset=utf-8",
}
EXTENSIONS = {"md": "md", "json": "json", "html": "html", "pdf": "pdf", "email": "txt"}
# Exports load nothing: no scripts, no remote images, fonts or styles; only the inline style sheet.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

_env = Environment(
    loader=PackageLoader("api", "templates"),
    keep_trailing_newline=True,
    autoescape=select_autoescape(enabled_extensions=("html", "html.j2")),
)
_env.filters.update(md=md_inline, code=md_code, line=one_line)


@dataclass(frozen=True)
class Export:
    """A rendered export: its bytes, media type and a file name."""

    content: bytes
    media_type: str
    filename: str


def check_choice(audience: str, fmt: str) -> None:
    """Refuse an unknown audience or format with one line naming the choices."""
    if audience not in AUDIENCES:
        raise InputInvalid(f"audience must be {' or '.join(AUDIENCES)}, not '{audience}'")
    if fmt not in FORMATS:
        raise InputInvalid(f"format must be one of {', '.join(FORMATS)}, not '{fmt}'")


def document(run: RunView, bundle: Bundle, audience: str = "internal") -> Document:
    """Build what the audience may see of the run (customer: approved runs only, or ExportRefused)."""
    return customer_document(run, bundle) if audience == "customer" else internal_document(run, bundle)


def _render(template: str, doc: Document) -> str:
    return _env.get_template(template).render(doc=doc, csp=CSP)


def render_markdown(run: RunView, bundle: Bundle, audience: str = "internal") -> str:
    """Return the run as Markdown."""
    return _render("recap.md.j2", document(run, bundle, audience))


def render_html(run: RunView, bundle: Bundle, audience: str = "internal") -> str:
    """Return the run as a standalone, print-ready HTML page (everything escaped, nothing remote)."""
    return _render("recap.html.j2", document(run, bundle, audience))


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"exports load no resources ({url[:60]})")


def html_to_pdf(html: str) -> bytes:
    """Lay out an HTML page as PDF with WeasyPrint; nothing is fetched, not even local files."""
    from weasyprint import HTML  # imported here: slow to import and needed only for PDF

    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def export(run: RunView, bundle: Bundle, audience: str, fmt: str) -> Export:
    """Render the run for an audience in a format (md, json, html, pdf or email)."""
    check_choice(audience, fmt)
    if fmt == "json" and audience == "internal":
        text = run.model_dump_json(indent=2)
    else:
        doc = document(run, bundle, audience)
        template = {"md": "recap.md.j2", "email": "recap.txt.j2", "html": "recap.html.j2", "pdf": "recap.html.j2"}
        text = doc.model_dump_json(indent=2) if fmt == "json" else _render(template[fmt], doc)
    content = html_to_pdf(text) if fmt == "pdf" else text.encode("utf-8")
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{run.account_id}-{run.run_id}-{audience}")[:120]
    return Export(content=content, media_type=MEDIA_TYPES[fmt], filename=f"{name}.{EXTENSIONS[fmt]}")
