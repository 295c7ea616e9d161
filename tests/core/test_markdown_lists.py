"""Lists, steps and indented code as a reader of the Markdown source expects them."""

from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup

from deskbook.core.markdown import markdown_to_text, render_markdown

ROOT = Path(__file__).resolve().parents[2]
DEMO_SOPS = sorted((ROOT / "kb" / "demo" / "sops").glob("*.md"))
DEMO_LESSONS = sorted((ROOT / "lessons" / "demo" / "lessons").glob("*.md"))


def rendered(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(render_markdown(markdown).html, "html.parser")


def demo_body(path: Path) -> str:
    return frontmatter.load(path).content


def section(soup: BeautifulSoup, anchor: str) -> list:
    """The elements between the heading ``anchor`` and the next heading."""
    elements = []
    for element in soup.find(id=anchor).find_next_siblings():
        if element.name == "h2":
            break
        elements.append(element)
    return elements


def numbered(lists) -> list[int]:
    """The numbers a browser gives the items of these ordered lists."""
    numbers = []
    for ordered in lists:
        start = int(ordered.get("start", 1))
        items = ordered.find_all("li", recursive=False)
        numbers += range(start, start + len(items))
    return numbers


def test_first_reminder_call_procedure_is_one_list_of_ten_steps():
    soup = rendered(demo_body(ROOT / "kb/demo/sops/first-reminder-call.md"))
    procedure = section(soup, "procedure")
    lists = [element for element in procedure if element.name == "ol"]
    assert numbered(lists) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert len(procedure) == 1 and len(lists) == 1
    steps = lists[0].find_all("li", recursive=False)
    assert steps[0].get_text(" ", strip=True).startswith("Dial the primary number")
    # The quotes belong to the step that says them.
    assert "Good morning, may I speak" in steps[1].blockquote.get_text()
    assert "Thank you, Mr Lim" in steps[4].blockquote.get_text()
    assert "Thank you for your time" in steps[9].blockquote.get_text()


def test_first_reminder_call_outcomes_are_a_list_inside_their_step():
    soup = rendered(demo_body(ROOT / "kb/demo/sops/first-reminder-call.md"))
    agree = (
        soup.find(id="procedure")
        .find_next_sibling("ol")
        .find_all("li", recursive=False)[7]
    )
    assert agree.p.get_text() == "Agree an outcome:"
    outcomes = agree.find("ul", recursive=False).find_all("li", recursive=False)
    assert [outcome.get_text().split(":")[0] for outcome in outcomes] == [
        "Paid already",
        "Will pay",
        "Cannot pay in full",
        "Disputes the debt",
    ]
    assert "- Paid already" not in agree.get_text()


@pytest.mark.parametrize("path", DEMO_SOPS + DEMO_LESSONS, ids=lambda path: path.stem)
def test_no_demo_body_shows_a_list_marker_as_text(path):
    text = rendered(demo_body(path)).get_text()
    marker_lines = [
        line for line in text.splitlines() if line.lstrip().startswith(("- ", "* "))
    ]
    assert marker_lines == []


@pytest.mark.parametrize(
    "markdown",
    [
        "- Call\n  - Mobile first\n  - Then home\n- Write\n",
        "1. Call\n   - Mobile first\n   - Then home\n2. Write\n",
        "1. Call\n    - Mobile first\n    - Then home\n2. Write\n",
        "9. Check\n10. Call\n    - Mobile first\n    - Then home\n11. Write\n",
    ],
    ids=["two under a bullet", "three under 1.", "four under 1.", "four under 10."],
)
def test_sub_list_nests_under_the_item_it_is_indented_under(markdown):
    outer = rendered(markdown).find(["ul", "ol"])
    items = outer.find_all("li", recursive=False)
    assert len(items) == 3 if markdown.startswith("9.") else len(items) == 2
    call = items[-2]
    assert [li.get_text() for li in call.ul.find_all("li")] == [
        "Mobile first",
        "Then home",
    ]
    assert call.contents[0].strip() == "Call"


def test_sub_sub_list_nests_two_levels_deep():
    soup = rendered("1. Call\n   - Mobile\n     - Twice\n2. Write\n")
    assert soup.ol.li.ul.li.ul.li.get_text() == "Twice"


def test_a_numbered_list_right_after_a_bulleted_one_is_a_new_list():
    soup = rendered("- Before you start\n\n1. Dial\n2. Verify\n")
    assert [element.name for element in soup.find_all(recursive=False)] == [
        "ul",
        "ol",
    ]
    assert [li.get_text() for li in soup.ol.find_all("li")] == ["Dial", "Verify"]


def test_an_interrupted_list_carries_its_start_number():
    html = render_markdown("1. Dial\n2. Verify\n\nA note.\n\n3. Disclose\n").html
    assert '<ol start="3">' in html


def test_four_spaces_at_top_level_are_a_code_block():
    soup = rendered("Type the reference:\n\n    ACC-001 <X>\n")
    assert soup.pre.code.get_text() == "ACC-001 <X>\n"


def test_four_spaces_after_a_step_continue_the_step_as_a_paragraph():
    soup = rendered("1. Dial\n\n    Let it ring six times.\n\n2. Verify\n")
    steps = soup.ol.find_all("li", recursive=False)
    assert [p.get_text() for p in steps[0].find_all("p")] == [
        "Dial",
        "Let it ring six times.",
    ]
    assert soup.pre is None


def test_code_indented_four_past_the_step_text_is_code_in_that_step():
    soup = rendered("1. Type:\n\n       ACC-001\n\n2. Save\n")
    steps = soup.ol.find_all("li", recursive=False)
    assert steps[0].pre.code.get_text() == "ACC-001\n"
    assert len(steps) == 2


def test_every_heading_gets_an_anchor_and_the_contents_keep_sections_and_subsections():
    markdown = (
        "### Read first\n\n## Call *before* 9pm\n\n### Use `ACC` codes\n\n"
        "#### Small print\n\n## Café rules\n"
    )
    result = render_markdown(markdown)
    soup = BeautifulSoup(result.html, "html.parser")
    assert [(h.name, h["id"]) for h in soup.find_all(["h2", "h3", "h4"])] == [
        ("h3", "read-first"),
        ("h2", "call-before-9pm"),
        ("h3", "use-acc-codes"),
        ("h4", "small-print"),
        ("h2", "cafe-rules"),
    ]
    assert [(entry.anchor, entry.title) for entry in result.toc] == [
        ("read-first", "Read first"),
        ("call-before-9pm", "Call before 9pm"),
        ("cafe-rules", "Café rules"),
    ]
    assert [(c.anchor, c.title) for c in result.toc[1].children] == [
        ("use-acc-codes", "Use ACC codes")
    ]


def test_headings_without_ascii_words_still_get_distinct_anchors():
    toc = render_markdown("## ???\n\n## 日本\n").toc
    assert [entry.anchor for entry in toc] == ["section", "section-1"]


def test_centred_column_keeps_its_alignment_attribute():
    html = render_markdown("| Code | Days |\n|:-:|--:|\n| PTP | 5 |\n").html
    assert '<th align="center">Code</th>' in html
    assert '<td align="right">5</td>' in html
    assert "style" not in html


def test_plain_text_of_a_nested_list_has_no_markers():
    text = markdown_to_text("1. Agree an outcome:\n   - Paid already\n   - Will pay\n")
    assert text.split() == ["Agree", "an", "outcome:", "Paid", "already", "Will", "pay"]
