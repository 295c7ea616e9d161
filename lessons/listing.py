"""The Lessons index: newest first, narrowed by facets counted in the database."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page as ResultPage
from django.core.paginator import Paginator
from django.db.models import Count
from taggit.models import Tag

from deskbook.core.vocabulary import CollectionStageOrAny, DebtorSegment, Department
from deskbook.search.facets import FacetGroup, facet_group

from .models import Outcome
from .selectors import lessons_visible_to

PER_PAGE = 12


@dataclass(frozen=True)
class ListingFacet:
    key: str
    label: str
    path: str
    choices: tuple = ()

    def parse(self, raw: str):
        """The value a query-string value names, or None if it names none."""
        raw = raw.strip()[:100]
        if self.key == "year":
            return int(raw) if raw.isdigit() and len(raw) == 4 else None
        if self.choices:
            return raw if raw in dict(self.choices) else None
        return raw or None


FACETS = (
    ListingFacet(
        "department", "Department", "department_links__department", Department.choices
    ),
    ListingFacet(
        "stage", "Collection stage", "stage", tuple(CollectionStageOrAny.choices)
    ),
    ListingFacet("segment", "Debtor segment", "segment", tuple(DebtorSegment.choices)),
    ListingFacet("outcome", "Outcome", "outcome", tuple(Outcome.choices)),
    ListingFacet("tag", "Tag", "tags__slug"),
    ListingFacet("year", "Year", "event_date__year"),
)


@dataclass(frozen=True)
class LessonListing:
    lessons: ResultPage
    facets: list[FacetGroup]
    base_query: str  # the picked facets, for pagination links
    picked: dict


def lesson_listing(request) -> LessonListing:
    picked = {}
    for facet in FACETS:
        value = facet.parse(request.GET.get(facet.key, ""))
        if value is not None:
            picked[facet.key] = value
    visible = lessons_visible_to(request.user)

    def narrowed(leave_out=None):
        lessons = visible
        for facet in FACETS:
            if facet.key in picked and facet.key != leave_out:
                lessons = lessons.filter(**{facet.path: picked[facet.key]})
        return lessons

    lessons = (
        narrowed()
        .distinct()
        .order_by("-event_date", "-pk")
        .prefetch_related("department_links")
    )
    page = Paginator(lessons, PER_PAGE).get_page(request.GET.get("page"))
    groups = [_group(facet, narrowed(facet.key), picked) for facet in FACETS]
    return LessonListing(
        lessons=page,
        facets=[group for group in groups if group is not None],
        base_query=urlencode(picked) + "&" if picked else "",
        picked=picked,
    )


def _group(facet: ListingFacet, lessons, picked) -> FacetGroup | None:
    rows = (
        lessons.order_by()
        .values(facet.path)
        .annotate(count=Count("pk", distinct=True))
        .filter(count__gt=0)
    )
    counts = {row[facet.path]: row["count"] for row in rows if row[facet.path]}
    labels = dict(facet.choices)
    if facet.key == "tag":
        labels = dict(Tag.objects.filter(slug__in=counts).values_list("slug", "name"))

    def url(value):
        params = {**picked, facet.key: value}
        if value is None:
            params.pop(facet.key)
        return "?" + urlencode(params)

    return facet_group(
        key=facet.key,
        label=facet.label,
        counts={str(value): count for value, count in counts.items()},
        labels={str(value): str(label) for value, label in labels.items()},
        url_for=url,
        selected={str(picked[facet.key])} if facet.key in picked else (),
        # Years newest first; other facets by their counts.
        order=[str(year) for year in sorted(counts, reverse=True)]
        if facet.key == "year"
        else None,
    )
