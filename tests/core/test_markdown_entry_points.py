"""Every way Markdown becomes HTML in the project goes through the one
sanitising renderer, ``deskbook.core.markdown``: hostile input fed through each
entry point comes out harmless, and no other module renders Markdown itself."""

import ast
from pathlib import Path

import pytest

from deskbook.articles.demo import body_blocks, rich_text
from kb.models import SOPPage
from lessons.models import LessonPage
from lessons.models.pages import SECTIONS
from tests.core.test_markdown import FORBIDDEN, HOSTILE

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
MARKDOWN_LIBRARIES = {"markdown", "markdown_it", "mdit_py_plugins", "mistune"}
RENDERER = ROOT / "site" / "core" / "markdown.py"


def assert_harmless(html: str, source: str):
    lowered = html.lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in lowered, (source, html)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sop_body_is_sanitised(hostile):
    assert_harmless(SOPPage(body=hostile).rendered_body.html, hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_lesson_section_is_sanitised(hostile):
    lesson = LessonPage(**{name: hostile for name, _ in SECTIONS})
    sections = lesson.rendered_sections
    assert len(sections) == len(SECTIONS)
    for _, _, html in sections:
        assert_harmless(html, hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_article_import_stores_only_sanitised_rich_text(hostile):
    assert_harmless(rich_text(hostile), hostile)
    blocks = body_blocks(hostile, picture=lambda figure: None)
    stored = " ".join(str(block["value"]) for block in blocks)
    assert_harmless(stored, hostile)


def test_article_import_keeps_wagtail_rich_text_formatting():
    assert rich_text("Pay **only** to *our* account.") == (
        "<p>Pay <b>only</b> to <i>our</i> account.</p>"
    )


def test_only_the_core_renderer_imports_a_markdown_library():
    offenders = []
    for folder in ("site", "kb", "lessons", "workforce", "training"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == RENDERER or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                else:
                    continue
                if any(name.split(".")[0] in MARKDOWN_LIBRARIES for name in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
