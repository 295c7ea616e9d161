import pytest

from deskbook.core.markdown import markdown_to_text, render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<p onclick="alert(1)" style="position:fixed">x</p>',
    "<iframe src='https://evil.example'></iframe>",
    "<svg><script>alert(1)</script></svg>",
    '<div><form action="https://evil.example"><input name=a></form></div>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "```\n</code></pre><script>alert(1)</script>\n```",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!-- <script>alert(1)</script> -->",
    '<a href="https://ok.example" target="_blank" onmouseover="alert(1)">ok</a>',
]

# What must never come out of the renderer, whatever went in.
FORBIDDEN = (
    "<script",
    "onerror",
    "onclick",
    "onmouseover",
    "javascript:",
    "<iframe",
    "<form",
    "<object",
    "<embed",
    "<svg",
    "<style",
    "style=",
    "data:text",
)


@pytest.mark.parametrize("markdown", HOSTILE)
def test_no_script_handler_or_javascript_url_survives(markdown):
    html = render_markdown(markdown).html.lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in html, (markdown, html)


def test_markdown_features_render_tables_steps_fenced_code_and_anchors():
    rendered = render_markdown(
        "## Before you start\n\n"
        "1. Open the account.\n2. Check the notes.\n\n"
        "| DPD | Action |\n|:--|--:|\n| 1-30 | Call |\n\n"
        "```\nReference: ACC-001 & co\n```\n\n"
        "> Good morning, may I speak to Ms Tan?\n\n"
        "[Policy](https://intranet.example/policy) and [notes](/knowledge-base/)\n"
    )
    html = rendered.html
    assert '<h2 id="before-you-start">Before you start</h2>' in html
    assert "<ol>" in html and "<li>Open the account.</li>" in html
    assert "<table>" in html and '<td align="right">Call</td>' in html
    assert "<pre><code>Reference: ACC-001 &amp; co" in html
    assert "<blockquote>" in html
    assert 'href="https://intranet.example/policy"' in html
    assert 'rel="noopener noreferrer"' in html
    assert 'href="/knowledge-base/"' in html


def test_table_of_contents_lists_sections_and_subsections():
    toc = render_markdown("## Purpose\n\n## Steps & checks\n\n### On the call\n").toc
    assert [entry.title for entry in toc] == ["Purpose", "Steps & checks"]
    assert toc[1].anchor == "steps-checks"
    assert [child.title for child in toc[1].children] == ["On the call"]


def test_plain_text_drops_markup_and_keeps_words():
    text = markdown_to_text("## Purpose\n\n**Verify** the <em>customer</em> & log it")
    assert "Verify the customer & log it" in text
    assert "<" not in text and "**" not in text
