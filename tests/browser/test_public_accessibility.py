"""The public pages in a real browser: images have alt text, form fields have
labels, landmarks and the skip link are there, and focus is visible."""

import pytest

from deskbook.articles.models import ArticleKind
from deskbook.core.bootstrap import bootstrap_site
from tests.articles.factories import make_article, make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every problem on the page, as text, so a failure says what is wrong where.
AUDIT = """() => {
  const problems = [];
  const visible = (el) =>
    !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  for (const img of document.querySelectorAll("img")) {
    const decorative = img.getAttribute("role") === "presentation"
      || img.getAttribute("aria-hidden") === "true";
    if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src}`);
    else if (!img.alt.trim() && !decorative)
      problems.push(`img with empty alt: ${img.src}`);
  }
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea");
  for (const field of fields) {
    if (!visible(field) && field.tabIndex < 0) continue;  // honeypots and the like
    const labelled = (field.id && document.querySelector(`label[for="${field.id}"]`))
      || field.closest("label") || field.getAttribute("aria-label")
      || field.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`field without label: ${field.name || field.id}`);
  }
  const mains = document.querySelectorAll("main");
  if (mains.length !== 1) problems.push(`${mains.length} main landmarks`);
  for (const role of ["header", "nav", "footer"]) {
    if (!document.querySelector(role)) problems.push(`no ${role} landmark`);
  }
  const skip = document.querySelector("a.skip-link");
  if (!skip || !document.querySelector(skip.getAttribute("href")))
    problems.push("no skip link to an existing target");
  if (!document.documentElement.lang) problems.push("no lang on html");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 headings`);
  return problems;
}"""


@pytest.fixture
def articles(transactional_db):
    bootstrap_site()
    image = make_image(description="")
    for n, kind in enumerate([ArticleKind.SCAM_ALERT, ArticleKind.PRESS_RELEASE] * 2):
        make_article(
            f"Article {n}",
            kind=kind,
            tags=("sms",),
            hero_image=image,
            hero_alt=f"Illustration for article {n}",
        )
    return make_article("Read me", hero_image=image, hero_alt="A phone with a text")


@pytest.mark.parametrize("path", ["/", "/awareness/", "ARTICLE", "/contact/"])
def test_public_pages_pass_the_accessibility_audit(live_server, page, articles, path):
    url = live_server.url + (articles.url if path == "ARTICLE" else path)
    page.goto(url)
    assert page.evaluate(AUDIT) == []


def test_the_skip_link_comes_first_and_focus_is_visible(live_server, page, articles):
    page.goto(live_server.url + articles.url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {cls: el.className, outline: style.outlineStyle,
                  width: parseFloat(style.outlineWidth),
                  left: el.getBoundingClientRect().left};
        }"""
    )
    assert "skip-link" in focused["cls"]
    assert focused["outline"] != "none" and focused["width"] >= 2
    assert focused["left"] >= 0  # shown on screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
