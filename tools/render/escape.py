"""Make untrusted text (record text, claim text, decision comments) inert in Markdown and plain text.

Customer data is data: whatever a note or comment holds, it must not add a heading, a quote, a
list item, a link, an image or raw HTML to a rendering. Every data string goes through `md_inline`
(Markdown) or `one_line` (plain text and HTML, which jinja escapes on top).
"""

from __future__ import annotations

import re

# Every line break Unicode knows, plus the other vertical whitespace: a claim is one line.
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t]+")
# Inline syntax: emphasis, code, links and images, raw HTML and autolinks, entities, tables, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]<>!&|~{}#])")
# Syntax that only counts at the start of a line: headings, quotes, lists, rules, setext underlines.
_LINE_START = re.compile(r"^(\s*)([#>+\-=:]|\d+[.)])")


def one_line(text: str | None) -> str:
    """Return `text` on one line: line breaks become spaces, control characters go, runs of spaces shrink."""
    if not text:
        return ""
    flat = _CONTROL.sub("", _BREAKS.sub(" ", text))
    return _SPACES.sub(" ", flat).strip()


def md_inline(text: str | None) -> str:
    """Return `text` as Markdown that renders as exactly that text, on one line, with no markup of its own."""
    flat = _INLINE.sub(r"\\\1", one_line(text))
    match = _LINE_START.match(flat)
    if match:
        lead, mark = match.group(1), match.group(2)
        flat = lead + mark[:-1] + "\\" + mark[-1] + flat[match.end() :]
    return flat


def md_code(text: str | None) -> str:
    """Return `text` as a Markdown code span, fenced with more backticks than it holds (its content stays literal)."""
    flat = one_line(text) or " "
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
