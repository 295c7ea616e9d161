"""Promote a lesson to a draft public scam alert, for an editor to redact."""

from django.db import transaction
from django.utils.text import slugify

from deskbook.articles.models import ArticleKind, ArticlePage
from deskbook.articles.selectors import awareness_section
from deskbook.core.markdown import render_markdown

from .models import LessonPage

# What goes public: the story and the advice, never the case file.
PROMOTED_SECTIONS = (
    ("driving_event", "What happened"),
    ("could_be_better", "What we learned"),
    ("recommendations", "How to protect yourself"),
)


@transaction.atomic
def lesson_promote(*, lesson: LessonPage, user) -> ArticlePage:
    """A draft awareness article prefilled from the lesson's summary and lessons.

    The case reference never leaves the lesson; the parties' names travel with
    the draft only as names the personal-data guard must keep out.
    """
    index = awareness_section()
    if index is None:
        raise LookupError("There is no Awareness section to promote into.")
    body = []
    for name, heading in PROMOTED_SECTIONS:
        text = getattr(lesson, name).strip()
        if text:
            body.append(("heading", heading))
            body.append(("paragraph", render_markdown(text).html))
    article = ArticlePage(
        title=lesson.title,
        slug=_free_slug(index, slugify(lesson.title)[:60] or "alert"),
        kind=ArticleKind.SCAM_ALERT,
        summary=lesson.summary[:500],
        body=body,
        personal_data_names="\n".join(lesson.party_names),
        live=False,
        owner=user,
    )
    index.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    return article


def _free_slug(parent, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
