"""Django's ``{# … #}`` comments end on their own line: one left open runs on
into the page as text. Every template of the project closes each one on the
line it opens (longer notes use ``{% comment %}``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ("site", "kb", "lessons", "workforce", "training")


def test_every_short_comment_closes_on_its_own_line():
    open_comments = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in TEMPLATE_DIRS
        for path in (ROOT / folder).rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
