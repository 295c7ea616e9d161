"""SOP files: Markdown with YAML front matter, read and checked without the database.

```
---
title: First reminder call
summary: What it is for and when to use it.
category: Calls and contact            # optional: a category page of the knowledge base
department: operations                 # sales | administrative | operations | marketing
stage: pre                             # pre | early | late | any (default any)
segment: any                           # first-time-default | ... | any (default any)
tags: [calls, disclosure]
owner: teamlead                        # a username (optional)
review_interval_months: 12             # 1 to 36 (default 12)
related: [right-party-verification]    # slugs of other SOPs (optional)
audience: [Collector, Team lead]       # roles that acknowledge (default those two)
last_reviewed: 2025-06-30              # optional: when it was last reviewed
---
Markdown body
```
The slug is the file name without ``.md`` unless the front matter gives ``slug``.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.utils.text import slugify

from deskbook.core.vocabulary import (
    CollectionStageOrAny,
    DebtorSegmentOrAny,
    Department,
)

KNOWN_KEYS = {
    "title", "slug", "summary", "category", "department", "stage", "segment",
    "tags", "owner", "review_interval_months", "related", "audience",
    "last_reviewed",
}  # fmt: skip
REQUIRED_KEYS = ("title", "summary", "department")
DEFAULT_AUDIENCE = ("Collector", "Team lead")


@dataclass(frozen=True)
class SourceProblem:
    """One thing wrong with one file, said so that its author can fix it."""

    file: str
    message: str
    key: str | None = None

    def __str__(self):
        where = f"{self.file}" + (f" [{self.key}]" if self.key else "")
        return f"{where}: {self.message}"


@dataclass
class SOPSource:
    file: str
    slug: str
    title: str
    summary: str
    department: str
    body: str
    stage: str = CollectionStageOrAny.ANY
    segment: str = DebtorSegmentOrAny.ANY
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    owner: str | None = None
    review_interval_months: int = 12
    related: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=lambda: list(DEFAULT_AUDIENCE))
    last_reviewed: datetime.date | None = None


def read_folder(folder: Path) -> tuple[list[SOPSource], list[SourceProblem]]:
    """Every ``*.md`` file under ``folder`` (sorted), and every problem found."""
    sources, problems = [], []
    for path in sorted(folder.rglob("*.md")):
        source, found = read_file(path, name=str(path.relative_to(folder)))
        problems.extend(found)
        if source is not None:
            sources.append(source)
    problems.extend(_duplicate_slugs(sources))
    return sources, problems


def read_file(path: Path, *, name: str) -> tuple[SOPSource | None, list[SourceProblem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [SourceProblem(name, "not UTF-8 text")]
    return parse(text, name=name, default_slug=path.stem)


def parse(
    text: str, *, name: str, default_slug: str
) -> tuple[SOPSource | None, list[SourceProblem]]:
    """An SOPSource from one file's text, or the problems that prevent it."""
    problems: list[SourceProblem] = []

    def problem(message, key=None):
        problems.append(SourceProblem(name, message, key))

    if not text.lstrip("\ufeff").startswith("---"):
        return None, [SourceProblem(name, "no front matter: start with a '---' line")]
    try:
        post = frontmatter.loads(text.lstrip("\ufeff"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" near line {mark.line + 1}" if mark else ""
        return None, [SourceProblem(name, f"front matter is not valid YAML{line}")]
    meta = post.metadata
    if not isinstance(meta, dict):
        return None, [SourceProblem(name, "front matter must be 'key: value' lines")]

    for key in sorted(set(meta) - KNOWN_KEYS):
        problem(f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})", key)
    for key in REQUIRED_KEYS:
        if not _text(meta.get(key)):
            problem("missing", key)

    slug = slugify(_text(meta.get("slug")) or default_slug)
    if not slug:
        problem("cannot make a slug from it; give 'slug'", "slug")
    title = _text(meta.get("title"))
    if len(title) > 255:
        problem("longer than 255 characters", "title")
    summary = _text(meta.get("summary"))
    if len(summary) > 500:
        problem("longer than 500 characters", "summary")

    department = _choice(meta, "department", Department, None, problem)
    stage = _choice(
        meta, "stage", CollectionStageOrAny, CollectionStageOrAny.ANY, problem
    )
    segment = _choice(
        meta, "segment", DebtorSegmentOrAny, DebtorSegmentOrAny.ANY, problem
    )
    tags = _string_list(meta, "tags", problem)
    related = [slugify(item) for item in _string_list(meta, "related", problem)]
    if slug and slug in related:
        problem("an SOP cannot be related to itself", "related")
    audience = _string_list(meta, "audience", problem) or list(DEFAULT_AUDIENCE)

    interval = meta.get("review_interval_months", 12)
    if isinstance(interval, bool) or not isinstance(interval, int):
        problem(f"not a whole number of months: {interval!r}", "review_interval_months")
        interval = 12
    elif not 1 <= interval <= 36:
        problem("must be between 1 and 36 months", "review_interval_months")

    last_reviewed = meta.get("last_reviewed")
    if last_reviewed is not None and not isinstance(last_reviewed, datetime.date):
        problem(f"not a date (YYYY-MM-DD): {last_reviewed!r}", "last_reviewed")
        last_reviewed = None
    if isinstance(last_reviewed, datetime.datetime):
        last_reviewed = last_reviewed.date()

    body = post.content.strip()
    if not body:
        problem("the procedure itself (below the front matter) is empty")

    if problems:
        return None, problems
    return (
        SOPSource(
            file=name,
            slug=slug,
            title=title,
            summary=summary,
            department=department,
            stage=stage,
            segment=segment,
            body=body,
            category=_text(meta.get("category")) or None,
            tags=tags,
            owner=_text(meta.get("owner")) or None,
            review_interval_months=interval,
            related=related,
            audience=audience,
            last_reviewed=last_reviewed,
        ),
        [],
    )


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _choice(meta, key, choices, default, problem):
    raw = _text(meta.get(key)).lower()
    if not raw:
        return default
    if raw not in choices.values:
        problem(f"unknown {key} {raw!r} (one of: {', '.join(choices.values)})", key)
    return raw


def _string_list(meta, key, problem) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(
        isinstance(item, str | int) for item in value
    ):
        problem("must be a list such as [a, b]", key)
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def _duplicate_slugs(sources: list[SOPSource]) -> list[SourceProblem]:
    seen: dict[str, str] = {}
    problems = []
    for source in sources:
        if source.slug in seen:
            problems.append(
                SourceProblem(
                    source.file,
                    f"slug {source.slug!r} is also used by {seen[source.slug]}",
                    "slug",
                )
            )
        else:
            seen[source.slug] = source.file
    return problems
