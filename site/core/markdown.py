"""Markdown to safe HTML for the bodies staff write (SOPs, lessons).

Rendering uses the ``markdown`` package (tables, fenced code, a table of contents
with heading anchors); its output then goes through an allow-list sanitiser
(``nh3``), so no script, event handler, style or ``javascript:`` URL survives,
whatever the Markdown or raw HTML in it says. No Django import: plain functions.
"""

import html
from dataclasses import dataclass, field

import markdown
import nh3

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc"]
EXTENSION_CONFIGS = {
    "tables": {"use_align_attribute": True},
    "toc": {"toc_depth": "2-3"},
}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre",
    "s", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
    **{heading: {"id"} for heading in HEADINGS},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class TocEntry:
    """A heading of the rendered body, for the page's table of contents."""

    anchor: str
    title: str
    children: list["TocEntry"] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    toc: list[TocEntry]


def sanitise_html(dirty: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes."""
    return nh3.clean(
        dirty,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> RenderedMarkdown:
    """Sanitised HTML of ``text`` and the table of contents of its headings."""
    converter = markdown.Markdown(
        extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS
    )
    rendered = converter.convert(text or "")
    return RenderedMarkdown(
        html=sanitise_html(rendered), toc=_toc_entries(converter.toc_tokens)
    )


def markdown_to_text(text: str) -> str:
    """The words of ``text`` without markup: for search indexing and snippets."""
    rendered = markdown.markdown(text or "", extensions=["tables", "fenced_code"])
    return html.unescape(nh3.clean(rendered, tags=set())).strip()


def _toc_entries(tokens) -> list[TocEntry]:
    return [
        TocEntry(
            anchor=token["id"],
            # Token names are HTML-escaped; templates escape again.
            title=html.unescape(token["name"]),
            children=_toc_entries(token.get("children", [])),
        )
        for token in tokens
    ]
