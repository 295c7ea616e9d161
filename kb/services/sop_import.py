"""Import SOP files into the knowledge base: all checked first, then all or nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify

from ..models import KnowledgeBaseIndexPage, SOPCategoryPage, SOPPage, SOPRelatedLink
from ..sop_sources import SOPSource, SourceProblem, read_folder
from .reviews import sop_review_schedule_set

CREATED, UPDATED, MOVED, UNCHANGED = "created", "updated", "moved", "unchanged"


class SOPImportFailed(Exception):
    """Nothing was imported; ``problems`` says what to fix, file by file."""

    def __init__(self, problems: list[SourceProblem]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass
class ImportReport:
    outcomes: dict[str, list[str]] = field(
        default_factory=lambda: {CREATED: [], UPDATED: [], MOVED: [], UNCHANGED: []}
    )
    dry_run: bool = False

    def count(self, outcome: str) -> int:
        return len(self.outcomes[outcome])


@dataclass
class _Plan:
    source: SOPSource
    page: SOPPage | None
    parent_key: str | None  # category slug, or None for the index itself
    outcome: str
    content_changed: bool = False


def sop_import(
    *,
    folder: Path,
    dry_run: bool = False,
    minor: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Create or update one SOP page per Markdown file under ``folder``.

    Every file is checked before anything is written; any problem raises
    ``SOPImportFailed`` and leaves the site as it was. A page gets a new
    published revision only when its content changed; changed text asks the
    audience to acknowledge again unless ``minor``.
    """
    if not folder.is_dir():
        raise SOPImportFailed([SourceProblem(str(folder), "no such folder")])
    index = KnowledgeBaseIndexPage.objects.first()
    if index is None:
        raise SOPImportFailed(
            [SourceProblem(str(folder), "no knowledge base: run bootstrap_site")]
        )
    sources, problems = read_folder(folder)
    context = _Context.load(index, sources, problems)
    if problems:
        raise SOPImportFailed(problems)
    plans = [context.plan(source) for source in sources]
    report = ImportReport(dry_run=dry_run)
    for plan in plans:
        report.outcomes[plan.outcome].append(plan.source.slug)
    if not dry_run:
        _apply(context, plans, minor=minor, progress=progress)
    return report


@dataclass
class _Context:
    index: KnowledgeBaseIndexPage
    owners: dict[str, object]
    groups: dict[str, Group]
    existing: dict[str, SOPPage]
    categories: dict[str, SOPCategoryPage]

    @classmethod
    def load(cls, index, sources, problems) -> "_Context":
        User = get_user_model()
        wanted_owners = {s.owner.lower() for s in sources if s.owner}
        owners = {
            user.get_username().lower(): user
            for user in User.objects.filter(is_active=True)
            if user.get_username().lower() in wanted_owners
        }
        groups = {group.name.lower(): group for group in Group.objects.all()}
        existing: dict[str, SOPPage] = {}
        ambiguous = set()
        for page in SOPPage.objects.descendant_of(index).select_related(
            "procedure_owner"
        ):
            if page.slug in existing:
                ambiguous.add(page.slug)
            existing[page.slug] = page
        categories = {
            page.slug: page for page in SOPCategoryPage.objects.child_of(index)
        }
        others = {
            page.slug
            for page in index.get_children().exclude(
                content_type__in=_content_types(SOPPage, SOPCategoryPage)
            )
        }
        slugs = {source.slug for source in sources} | set(existing)
        for source in sources:

            def problem(message, key=None, file=source.file):
                problems.append(SourceProblem(file, message, key))

            if source.owner and source.owner.lower() not in owners:
                problem(f"unknown owner {source.owner!r} (a username)", "owner")
            for role in source.audience:
                if role.lower() not in groups:
                    problem(f"unknown role {role!r}", "audience")
            for slug in source.related:
                if slug not in slugs:
                    problem(f"no SOP with the slug {slug!r}", "related")
            if source.slug in ambiguous:
                problem(f"more than one SOP has the slug {source.slug!r}", "slug")
            if source.category:
                key = slugify(source.category)
                if key in others or key in existing:
                    problem(f"{key!r} is a page that is not a category", "category")
            if source.slug not in existing and (
                source.slug in categories or source.slug in others
            ):
                problem(f"slug {source.slug!r} is taken by another page", "slug")
        return cls(index, owners, groups, existing, categories)

    def plan(self, source: SOPSource) -> _Plan:
        parent_key = slugify(source.category) if source.category else None
        page = self.existing.get(source.slug)
        if page is None:
            return _Plan(source, None, parent_key, CREATED, content_changed=True)
        changed = _content_differs(page, source, self)
        moved = self._parent_of(page) != parent_key
        outcome = UPDATED if changed else MOVED if moved else UNCHANGED
        return _Plan(source, page, parent_key, outcome, content_changed=changed)

    def _parent_of(self, page: SOPPage) -> str | None:
        parent = page.get_parent()
        return None if parent.pk == self.index.pk else parent.slug

    def owner(self, source: SOPSource):
        return self.owners.get(source.owner.lower()) if source.owner else None

    def audience(self, source: SOPSource) -> list[Group]:
        return [self.groups[role.lower()] for role in source.audience]


def _content_types(*models):
    return ContentType.objects.get_for_models(*models).values()


def _content_differs(page: SOPPage, source: SOPSource, context: _Context) -> bool:
    owner = context.owner(source)
    current = (
        page.title,
        page.summary,
        page.department,
        page.stage,
        page.segment,
        page.body.strip(),
        page.procedure_owner_id,
        page.review_interval_months,
        sorted(tag.name for tag in page.tags.all()),
        sorted(page.audience.values_list("pk", flat=True)),
        list(page.related_links.values_list("sop__slug", flat=True)),
    )
    wanted = (
        source.title,
        source.summary,
        source.department,
        source.stage,
        source.segment,
        source.body,
        owner.pk if owner else None,
        source.review_interval_months,
        sorted(source.tags),
        sorted(group.pk for group in context.audience(source)),
        source.related,
    )
    return current != wanted


@transaction.atomic
def _apply(context: _Context, plans: list[_Plan], *, minor: bool, progress) -> None:
    parents = {None: context.index}
    for plan in plans:
        key = plan.parent_key
        if key is not None and key not in parents:
            parents[key] = context.categories.get(key) or _create_category(
                context.index, plan.source.category, key
            )
    pages: dict[str, SOPPage] = dict(context.existing)
    for plan in plans:  # first every new page exists, so related links can point to it
        if plan.page is None:
            page = SOPPage(
                title=plan.source.title,
                slug=plan.source.slug,
                summary=plan.source.summary,
                department=plan.source.department,
                body=plan.source.body,
                live=False,
            )
            parents[plan.parent_key].add_child(instance=page)
            pages[plan.source.slug] = page
        elif plan.outcome != UNCHANGED and plan.page.get_parent().pk != (
            parents[plan.parent_key].pk
        ):
            plan.page.move(parents[plan.parent_key], pos="last-child")
    for done, plan in enumerate(plans, start=1):
        if plan.content_changed:
            page = SOPPage.objects.get(pk=pages[plan.source.slug].pk)
            _publish(page, plan, context, pages, minor=minor)
        if progress is not None:
            progress(done, len(plans))


def _create_category(index, title: str, slug: str) -> SOPCategoryPage:
    category = SOPCategoryPage(title=title, slug=slug)
    index.add_child(instance=category)
    category.save_revision().publish()
    return category


def _publish(page: SOPPage, plan: _Plan, context: _Context, pages, *, minor: bool):
    source = plan.source
    text_changed = plan.page is None or (
        page.body.strip() != source.body or page.title != source.title
    )
    page.title = source.title
    page.draft_title = source.title
    page.summary = source.summary
    page.department = source.department
    page.stage = source.stage
    page.segment = source.segment
    page.body = source.body
    page.procedure_owner = context.owner(source)
    page.review_interval_months = source.review_interval_months
    page.ack_requested = plan.page is None or (text_changed and not minor)
    page.tags.set(source.tags)
    page.audience.set(context.audience(source))
    page.related_links = [
        SOPRelatedLink(sop=pages[slug], sort_order=position)
        for position, slug in enumerate(source.related)
    ]
    page.save_revision().publish()
    if source.last_reviewed is not None:
        sop_review_schedule_set(page=page, last_reviewed_on=source.last_reviewed)
