"""Articles and images for tests, built through the real models."""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from deskbook.articles.models import ArticleIndexPage, ArticleKind, ArticlePage


def make_image(title: str = "Phone with a text message", description: str = ""):
    """A real PNG stored through Wagtail's image model."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (11, 79, 108)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{title[:20].replace(' ', '-')}.png"),
    )


def awareness() -> ArticleIndexPage:
    return ArticleIndexPage.objects.get(slug="awareness")


def make_article(
    title: str,
    *,
    kind: str = ArticleKind.SCAM_ALERT,
    date: datetime.date | None = None,
    tags: tuple[str, ...] = (),
    body: str = "We will never ask you to pay into a personal account.",
    publish: bool = True,
    revision: bool = True,
    **fields,
) -> ArticlePage:
    """A live article under the Awareness section (or a draft, ``publish=False``).

    ``revision=False`` skips the revision for speed when many are needed.
    """
    article = ArticlePage(
        title=title,
        kind=kind,
        date=date or datetime.date(2026, 3, 2),
        summary=fields.pop("summary", f"What to know about {title.lower()}."),
        body=[("paragraph", f"<p>{body}</p>")],
        live=publish and not revision,
        **fields,
    )
    article.tags.add(*tags)
    awareness().add_child(instance=article)
    if revision:
        saved = article.save_revision()
        if publish:
            saved.publish()
    return ArticlePage.objects.get(pk=article.pk)


def make_many(count: int, *, tags: tuple[str, ...] = ("phishing",), **fields) -> None:
    """``count`` live articles of every kind, without revisions (fast)."""
    kinds = list(ArticleKind)
    start = datetime.date(2025, 1, 1)
    for n in range(count):
        make_article(
            f"Article number {n}",
            kind=kinds[n % len(kinds)],
            date=start + datetime.timedelta(days=n),
            tags=tags,
            revision=False,
            **fields,
        )
