"""Markdown to safe HTML for the bodies staff write (SOPs, lessons).

Rendering follows CommonMark (``markdown-it-py``), so lists nest the way every
editor's preview shows them: a sub-list belongs to the item whose text it is
indented under (two spaces under ``-``, three under ``1.``, four under ``10.``).
Tables, fenced code and heading anchors with a table of contents come on top.
The output then goes through an allow-list sanitiser (``nh3``), so no script,
event handler, style or ``javascript:`` URL survives, whatever the Markdown or raw
HTML in it says. No Django import: plain functions.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

TOC_LEVELS = ("h2", "h3")

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
    tokens = _PARSER.parse(text or "")
    rendered = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return RenderedMarkdown(html=sanitise_html(rendered), toc=_toc_entries(tokens))


def markdown_to_text(text: str) -> str:
    """The words of ``text`` without markup: for search indexing and snippets."""
    rendered = _PARSER.render(text or "")
    return html.unescape(nh3.clean(rendered, tags=set())).strip()


def _heading_slug(title: str) -> str:
    """The anchor of a heading: ASCII words joined by hyphens ("Steps & checks"
    gives "steps-checks"), as section links have always been written."""
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    )
    words = re.sub(r"[^\w\s-]", "", ascii_title).strip().lower()
    # A heading with no ASCII word still needs an anchor the contents can link to.
    return re.sub(r"[-\s]+", "-", words) or "section"


def _alignment_as_attribute(state: StateCore) -> None:
    # markdown-it aligns cells with a style, which the sanitiser drops with every
    # other style; the align attribute is on its allow-list.
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and "style" in token.attrs:
            alignment = str(token.attrs.pop("style")).removeprefix("text-align:")
            token.attrSet("align", alignment)


def _toc_entries(tokens: list[Token]) -> list[TocEntry]:
    # A third-level heading sits under the section before it; one that comes
    # before any section stands on its own.
    entries: list[TocEntry] = []
    last_section_level = None
    for position, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag not in TOC_LEVELS:
            continue
        entry = TocEntry(
            anchor=str(token.attrGet("id")),
            title=_plain_text(tokens[position + 1]),
        )
        if token.tag == "h3" and last_section_level == "h2":
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
            last_section_level = token.tag
    return entries


def _plain_text(inline: Token) -> str:
    return "".join(
        child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline")
    )


_PARSER = (
    # Raw HTML is parsed, then the sanitiser decides what of it stays.
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .use(anchors_plugin, min_level=1, max_level=6, slug_func=_heading_slug)
)
_PARSER.core.ruler.push("alignment_as_attribute", _alignment_as_attribute)
# The sanitiser alone decides which URLs stay; markdown-it would otherwise print a
# link it refuses as its source, URL and all.
_PARSER.validateLink = lambda url: True
