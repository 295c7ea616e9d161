import frontmatter
import pytest

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.demo import DEMO_PASSWORD, ensure_demo_users
from kb.demo import SOURCES
from tests.kb.factories import make_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_users(transactional_db):
    bootstrap_site()
    ensure_demo_users()


@pytest.fixture
def first_reminder_call(demo_users):
    """The demo SOP's own body, as editors wrote it (sub-lists indented by three)."""
    source = frontmatter.load(SOURCES / "first-reminder-call.md")
    return make_sop(source["title"], body=source.content)


def drawn_step_numbers(page, section: str) -> list[str]:
    """The numbers drawn in the step badges of one section of the SOP body.

    A badge is generated content, which no DOM API reads back; Chromium's layout
    snapshot holds the text it actually drew.
    """
    cdp = page.context.new_cdp_session(page)
    snapshot = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": []})
    strings = snapshot["strings"]
    nodes = snapshot["documents"][0]["nodes"]
    layout = snapshot["documents"][0]["layout"]
    parent = nodes["parentIndex"]

    def name(node):
        return strings[nodes["nodeName"][node]]

    def attribute(node, wanted):
        attributes = [strings[i] for i in nodes["attributes"][node]]
        return dict(zip(attributes[::2], attributes[1::2], strict=True)).get(wanted)

    # Nodes come in document order: the section runs from its heading to the next.
    body = next(
        node
        for node in range(len(parent))
        if "sop__body" in (attribute(node, "class") or "").split()
    )
    headings = [node for node in range(len(parent)) if parent[node] == body]
    headings = [node for node in headings if name(node) == "H2"]
    start = next(node for node in headings if attribute(node, "id") == section)
    end = min([node for node in headings if node > start], default=len(parent))

    numbers = []
    for node, text in zip(layout["nodeIndex"], layout["text"], strict=True):
        if text < 0 or name(node) != "::before" or name(parent[node]) != "LI":
            continue
        steps = parent[parent[node]]
        if name(steps) == "OL" and parent[steps] == body and start < steps < end:
            numbers.append(strings[text])
    return numbers


def open_as_collector(page, url: str) -> None:
    page.goto(url)
    page.fill("input[name=username]", "collector")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url)


def test_first_reminder_call_shows_steps_one_to_ten_and_nests_the_outcomes(
    live_server, page, first_reminder_call
):
    open_as_collector(page, live_server.url + first_reminder_call.url)
    page.screenshot(path="var/screenshots/sop-first-reminder-call.png", full_page=True)

    assert drawn_step_numbers(page, "procedure") == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
    ]  # fmt: skip
    steps = page.locator("#procedure + ol > li")
    assert steps.count() == 10
    assert steps.nth(0).inner_text().startswith("Dial the primary number")
    assert steps.nth(2).inner_text().startswith("If someone else answers")
    assert steps.nth(9).inner_text().startswith("Close politely")

    outcome_step = steps.nth(7)
    assert outcome_step.locator(":scope > p").inner_text() == "Agree an outcome:"
    outcomes = outcome_step.locator(":scope > ul > li")
    assert outcomes.count() == 4
    assert outcomes.first.inner_text().startswith("Paid already:")
    assert outcomes.last.inner_text().startswith("Disputes the debt:")
    body_lines = page.locator(".sop__body").inner_text().splitlines()
    assert not [line for line in body_lines if line.lstrip().startswith("- ")]


def test_steps_go_on_counting_after_a_note_that_interrupts_the_list(
    live_server, page, demo_users
):
    sop = make_sop(
        "Letter of demand",
        body=(
            "## Procedure\n\n"
            "1. Check the warrant to act.\n"
            "2. Check the address.\n\n"
            "Stop here if the customer has disputed the debt.\n\n"
            "3. Print the letter.\n"
            "4. Send it by registered post.\n"
        ),
    )
    open_as_collector(page, live_server.url + sop.url)

    assert page.locator("#procedure ~ ol").count() == 2
    assert drawn_step_numbers(page, "procedure") == ["1", "2", "3", "4"]
