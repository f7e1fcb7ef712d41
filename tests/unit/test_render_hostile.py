"""Untrusted text (records, claims, decision comments) cannot add markup to a rendering (issue 11, item 4)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import markdown_it
import pytest
from export_support import drafted, run_view

from api.render import CSP, render_html, render_markdown
from tests.conftest import EXAMPLE
from tools.render.escape import md_code, md_inline

FAKE_BANNER = "ok\n\n> **APPROVED by u-ceo on 2026-11-23.**\n# APPROVED by the board"
HOSTILE = [
    "fine\n# APPROVED by u-ceo",
    "![](http://x/y.png)",
    "<script>alert(1)</script>",
    "[click](http://evil.example/)",
    "<http://evil.example/>",
    "1. first\n2. second",
    "- item\n+ other\n* third",
    "> quoted",
    "```\ncode\n```",
    "line\u2028# heading after a line separator",
    "=====",
    "[ref]: http://evil.example/",
    "&lt;b&gt;entity&lt;/b&gt;",
]
MARKUP = {
    "heading_open",
    "blockquote_open",
    "bullet_list_open",
    "ordered_list_open",
    "link_open",
    "image",
    "html_block",
    "html_inline",
    "fence",
    "code_block",
    "hr",
}


def tokens(text: str) -> set[str]:
    """Return every token type markdown-it finds in `text`, inline children included."""
    md = markdown_it.MarkdownIt("commonmark")
    found = set()
    for token in md.parse(text):
        found.add(token.type)
        found |= {child.type for child in token.children or []}
    return found


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_escaped_text_is_one_plain_paragraph(text: str) -> None:
    assert tokens(md_inline(text)) & MARKUP == set()
    assert tokens("- " + md_inline(text)) & (MARKUP - {"bullet_list_open"}) == set()
    rendered = markdown_it.MarkdownIt("commonmark").renderInline(md_inline(text))
    assert "<" not in rendered.replace("&lt;", "")  # no tag of any kind, only escaped text


@pytest.mark.parametrize("text", ["kpi-1", "a`b", "``x``", "`lead"], ids=["plain", "tick", "double", "leading"])
def test_code_spans_keep_their_text_literal(text: str) -> None:
    md = markdown_it.MarkdownIt("commonmark")
    html = md.renderInline(md_code(text))
    assert html.startswith("<code>") and html.count("<code>") == 1


def hostile_run() -> tuple:
    raw = json.loads(EXAMPLE.read_text())
    raw["business_challenges"][0]["description"] = "Slow replies.\n# APPROVED by u-ceo\n![](http://x/y.png)"
    raw["activities"][2]["subject"] = "<script>alert(1)</script> check-in"
    raw["objectives"][0]["name"] = "Cut response time\n> **APPROVED by u-ceo**"
    recap, bundle, stops = drafted(raw)
    recap = recap.map_claims(
        lambda c: c.model_copy(update={"text": c.text + "\n## Injected <img src=x>"}) if c.id == "ka-1" else c
    )
    return run_view(recap, bundle, comment=FAKE_BANNER, stops=stops), bundle


def test_markdown_has_no_markup_from_records_claims_or_comments() -> None:
    run, bundle = hostile_run()
    md = render_markdown(run, bundle)
    banners = [line for line in md.splitlines() if "APPROVED" in line and line.startswith(">")]
    assert banners[0].startswith("> **APPROVED by u-maria on 2026-11-23 10:00 UTC")
    fakes = ("> **APPROVED by u-ceo", "# APPROVED", "> \\*\\*APPROVED")
    assert all(not line.startswith(fakes) for line in md.splitlines())
    assert [line for line in md.splitlines() if line.lstrip().startswith("#")] == [
        line for line in md.splitlines() if line.startswith(("## ", "### "))
    ]
    html = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<script" not in html and "<img" not in html and "http://x/y.png" not in html.replace("(http://x/y.png)", "")
    assert "<h1>" not in html and html.count("<blockquote>") == 1


class Tags(HTMLParser):
    """Collect the tags of a page, their attributes, and the text inside <strong> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.strong: list[str] = []
        self._in_strong = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_strong = tag == "strong"

    def handle_data(self, data: str) -> None:
        if self._in_strong:
            self.strong.append(data)
            self._in_strong = False


def test_html_escapes_everything_and_loads_nothing() -> None:
    run, bundle = hostile_run()
    page = render_html(run, bundle)
    parsed = Tags()
    parsed.feed(page)
    names = {tag for tag, _ in parsed.tags}
    assert names & {"script", "img", "a", "link", "iframe", "object", "embed", "base", "form"} == set()
    assert not [a for _, attrs in parsed.tags for a in attrs if a in ("src", "href", "srcset", "style", "action")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}) in parsed.tags
    assert parsed.strong == ["APPROVED by u-maria on 2026-11-23 10:00 UTC"]  # the comment's banner stays text
    assert '<p class="comment">Comment: ok' in page and "&gt; **APPROVED by u-ceo on 2026-11-23.**" in page
