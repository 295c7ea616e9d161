"""Demo articles from ``demo/articles``: scam alerts, awareness guides, press
releases and industry insights, each with a picture drawn on this machine
(``demo_images``) and published through a revision, so each has a history.
Idempotent: articles are found by slug, pictures by title.

Each file is Markdown with YAML front matter; the slug is the file name::

    ---
    title: Phishing SMS asking for payment
    kind: scam-alert                 # scam-alert | guide | press-release | insight
    date: 2026-03-14                 # the publication date
    author: Fraud Prevention Team    # the byline
    summary: The standfirst.
    tags: [sms, phishing, payments]
    related: [how-to-recognise-a-fake-debt-collector]   # optional, slugs
    hero:
      motif: sms                     # a motif of demo_images.MOTIFS
      alt: What the picture shows, for people who cannot see it.
    ---
    Paragraphs in Markdown (lists, bold and italics too).

    ## A heading

    > [!warning] The callout's heading      (or [!info])
    > The callout's text, in Markdown.

    > [!quote] Who said it, and their title
    > The quoted words.

    ![What the picture shows](motif "The caption, also the picture's title")
"""

import datetime
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection

from deskbook.core.markdown import render_markdown
from deskbook.core.renditions import renditions_make_later

from .demo_images import MOTIFS, illustration_bytes
from .models import ArticleIndexPage, ArticleKind, ArticlePage

SOURCES = Path(__file__).parent / "demo" / "articles"
DEMO_COLLECTION = "Demo"
AUTHOR_USERNAME = "editor"  # drafts the articles
PUBLISHER_USERNAME = "manager"  # approves and publishes them
PUBLISHED_AT = datetime.time(9, 0)

REQUIRED_KEYS = ("title", "kind", "date", "author", "summary", "tags", "hero")
KNOWN_KEYS = {*REQUIRED_KEYS, "related"}
_CALLOUT = re.compile(r"^> \[!(warning|info)\] +(.+)$")
_QUOTE = re.compile(r"^> \[!quote\] +(.+)$")
_FIGURE = re.compile(
    r'^!\[(?P<alt>[^\]]+)\]\((?P<motif>[\w-]+) +"(?P<caption>[^"]+)"\)$'
)


@dataclass(frozen=True)
class Figure:
    motif: str
    alt: str
    caption: str


@dataclass
class DemoArticle:
    slug: str
    title: str
    kind: str
    date: datetime.date
    author: str
    summary: str
    tags: list[str]
    hero_motif: str
    hero_alt: str
    body: str
    related: list[str] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return [block for block in _chunks(self.body) if isinstance(block, Figure)]


def read_articles(folder: Path = SOURCES) -> list[DemoArticle]:
    """Every article file in ``folder``, checked; a ValueError lists all problems."""
    articles, problems = [], []
    for path in sorted(folder.glob("*.md")):
        post = frontmatter.load(path)
        meta = post.metadata
        missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
        unknown = sorted(set(meta) - KNOWN_KEYS)
        if missing or unknown:
            problems.append(f"{path.name}: missing {missing}, unknown {unknown}")
            continue
        hero = meta["hero"]
        articles.append(
            DemoArticle(
                slug=path.stem,
                title=meta["title"],
                kind=meta["kind"],
                date=meta["date"],
                author=meta["author"],
                summary=" ".join(meta["summary"].split()),
                tags=list(meta["tags"]),
                hero_motif=hero.get("motif", ""),
                hero_alt=" ".join(hero.get("alt", "").split()),
                body=post.content,
                related=list(meta.get("related") or []),
            )
        )
    problems += _problems(articles)
    if problems:
        raise ValueError("Demo articles with problems:\n" + "\n".join(problems))
    return articles


def _problems(articles: list[DemoArticle]) -> list[str]:
    slugs = {article.slug for article in articles}
    titles: set[str] = set()
    problems = []
    for article in articles:
        where = f"{article.slug}.md"
        if article.kind not in ArticleKind.values:
            problems.append(f"{where}: unknown kind {article.kind!r}")
        if not isinstance(article.date, datetime.date):
            problems.append(f"{where}: the date is not a date (YYYY-MM-DD)")
        if not article.hero_alt:
            problems.append(f"{where}: the hero picture needs alt text")
        problems += [
            f"{where}: related article {slug!r} does not exist"
            for slug in article.related
            if slug not in slugs
        ]
        pictures = [(article.hero_motif, article.title)]
        pictures += [(figure.motif, figure.caption) for figure in article.figures]
        for motif, title in pictures:
            if motif not in MOTIFS:
                problems.append(f"{where}: unknown motif {motif!r}")
            if title in titles:
                problems.append(f"{where}: a picture is already called {title!r}")
            titles.add(title)
    return problems


def _chunks(body: str) -> list:
    """The body's parts in order: headings, prose, callouts, quotes and figures."""
    parts: list = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = chunk.strip().splitlines()
        first = lines[0]
        rest = "\n".join(line.removeprefix(">").strip() for line in lines[1:])
        if first.startswith("## "):
            parts.append(("heading", first[3:].strip()))
        elif match := _CALLOUT.match(first):
            parts.append(("callout", match.group(1), match.group(2), rest))
        elif match := _QUOTE.match(first):
            parts.append(("quote", match.group(1), " ".join(rest.split())))
        elif match := _FIGURE.match(chunk.strip()):
            parts.append(Figure(match["motif"], match["alt"], match["caption"]))
        elif parts and isinstance(parts[-1], tuple) and parts[-1][0] == "prose":
            parts[-1] = ("prose", parts[-1][1] + "\n\n" + chunk.strip())
        else:
            parts.append(("prose", chunk.strip()))
    return parts


def rich_text(text: str) -> str:
    """Markdown as the HTML that Wagtail's rich text stores (``<b>``, ``<i>``).

    Through the site's one sanitising renderer: Wagtail does not clean rich
    text when it renders it, so nothing unsanitised may be stored."""
    html = render_markdown(text).html
    html = re.sub(r"<(/?)strong>", r"<\1b>", html)
    html = re.sub(r"<(/?)em>", r"<\1i>", html)
    return re.sub(r">\s*\n\s*<", "><", html).strip()


def body_blocks(body: str, picture: Callable[[Figure], object]) -> list[dict]:
    """The StreamField data of a body; ``picture(figure)`` gives a figure's image."""
    blocks = []
    for part in _chunks(body):
        if isinstance(part, Figure):
            value = {
                "image": {
                    "image": picture(part).pk,
                    "alt_text": part.alt,
                    "decorative": False,
                },
                "caption": part.caption,
            }
            blocks.append({"type": "image", "value": value})
        elif part[0] == "heading":
            blocks.append({"type": "heading", "value": part[1]})
        elif part[0] == "prose":
            blocks.append({"type": "paragraph", "value": rich_text(part[1])})
        elif part[0] == "callout":
            _, tone, heading, text = part
            value = {"tone": tone, "heading": heading, "text": rich_text(text)}
            blocks.append({"type": "callout", "value": value})
        elif part[0] == "quote":
            value = {"quote": part[2], "attribution": part[1]}
            blocks.append({"type": "quote", "value": value})
    return blocks


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=DEMO_COLLECTION).first() or root.add_child(
        name=DEMO_COLLECTION
    )


def demo_picture(*, title: str, description: str, motif: str, kind: str, collection):
    """The demo picture called ``title``, drawn and stored the first time only."""
    Image = get_image_model()
    found = Image.objects.filter(collection=collection, title=title).first()
    if found is not None:
        return found
    data = illustration_bytes(motif, kind=kind, seed=title)
    image = Image(
        title=title,
        description=description,
        collection=collection,
        file=ImageFile(io.BytesIO(data), name=f"{slugify(title)[:80]}.jpg"),
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.save()
    return image


@transaction.atomic
def seed_articles(*, size: str = "small", log=print) -> None:
    """Add the demo articles that are not there yet, each published once."""
    index = ArticleIndexPage.objects.filter(slug="awareness").first()
    if index is None:
        return
    sources = read_articles()
    existing = set(ArticlePage.objects.child_of(index).values_list("slug", flat=True))
    new = [source for source in sources if source.slug not in existing]
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[AUTHOR_USERNAME, PUBLISHER_USERNAME]
        )
    }
    collection = demo_collection()
    pages = {
        source.slug: _add_article(index, source, collection, users) for source in new
    }
    by_slug = {page.slug: page for page in ArticlePage.objects.child_of(index)}
    for source in new:
        page = pages[source.slug]
        page.related_articles = [by_slug[slug] for slug in source.related]
        page.save_revision(user=users.get(AUTHOR_USERNAME)).publish(
            user=users.get(PUBLISHER_USERNAME)
        )
    log(f"  articles: {len(by_slug)} ({len(new)} new)")
    # Made once the seed is committed (at once with the immediate task backend),
    # so no visitor's first page, feed or admin listing waits for them.
    pictures = get_image_model().objects.filter(collection=collection)
    renditions_make_later(pictures.values_list("pk", flat=True))


def _add_article(index, source: DemoArticle, collection, users) -> ArticlePage:
    def picture(figure: Figure):
        return demo_picture(
            title=figure.caption,
            description=figure.alt,
            motif=figure.motif,
            kind=source.kind,
            collection=collection,
        )

    hero = demo_picture(
        title=source.title,
        description=source.hero_alt,
        motif=source.hero_motif,
        kind=source.kind,
        collection=collection,
    )
    published_at = timezone.make_aware(
        datetime.datetime.combine(source.date, PUBLISHED_AT)
    )
    page = ArticlePage(
        title=source.title,
        slug=source.slug,
        kind=source.kind,
        date=source.date,
        author=source.author,
        summary=source.summary,
        hero_image=hero,
        hero_alt=source.hero_alt,
        body=body_blocks(source.body, picture),
        owner=users.get(AUTHOR_USERNAME),
        first_published_at=published_at,
        live=False,
    )
    page.tags.add(*source.tags)
    index.add_child(instance=page)
    return page
