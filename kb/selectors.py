"""Reads of the knowledge base that span relations."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from deskbook.core.visibility import viewable_by

from .models import (
    Acknowledgement,
    AcknowledgementRequest,
    SOPCategoryPage,
    SOPPage,
    SOPVersion,
)

User = get_user_model()


def outstanding_acknowledgements() -> QuerySet[AcknowledgementRequest]:
    """Requests still open: for the version a live SOP requires, from someone who is
    still active and still in its audience, with no acknowledgement of that version
    or a later one."""
    acknowledged = Acknowledgement.objects.filter(
        user_id=OuterRef("user_id"),
        version__page_id=OuterRef("version__page_id"),
        version__number__gte=OuterRef("version__number"),
    )
    in_audience = User.groups.through.objects.filter(
        user_id=OuterRef("user_id"),
        group__sops_to_acknowledge=OuterRef("version__page_id"),
    )
    return (
        AcknowledgementRequest.objects.filter(
            version_id=F("version__page__status__required_version_id"),
            version__page__live=True,
            user__is_active=True,
        )
        .filter(Exists(in_audience))
        .exclude(Exists(acknowledged))
        .select_related("version__page", "user")
    )


def outstanding_acknowledgements_for(user) -> QuerySet[AcknowledgementRequest]:
    return outstanding_acknowledgements().filter(user=user).order_by("requested_at")


@dataclass(frozen=True)
class ReaderState:
    """Where one reader stands with one SOP."""

    current: SOPVersion | None
    required: SOPVersion | None
    last_acknowledged: SOPVersion | None
    acknowledged_at: datetime.datetime | None
    in_audience: bool

    @property
    def has_acknowledged_current(self) -> bool:
        return (
            self.current is not None
            and self.last_acknowledged is not None
            and self.last_acknowledged.number >= self.current.number
        )

    @property
    def is_outstanding(self) -> bool:
        return (
            self.in_audience
            and self.required is not None
            and (
                self.last_acknowledged is None
                or self.last_acknowledged.number < self.required.number
            )
        )


def reader_state(page: SOPPage, user) -> ReaderState:
    status = getattr(page, "status", None) if page.pk else None
    current = status.current_version if status else None
    required = status.required_version if status else None
    latest = None
    if user.is_authenticated:
        latest = (
            Acknowledgement.objects.filter(user=user, version__page=page)
            .select_related("version")
            .order_by("-version__number")
            .first()
        )
    in_audience = bool(
        user.is_authenticated
        and user.is_active
        and page.audience.filter(pk__in=user.groups.values("pk")).exists()
    )
    return ReaderState(
        current=current,
        required=required,
        last_acknowledged=latest.version if latest else None,
        acknowledged_at=latest.acknowledged_at if latest else None,
        in_audience=in_audience,
    )


def sops_due_for_review(*, within_days: int = 0) -> QuerySet[SOPPage]:
    """Live SOPs whose review-by date has passed (or falls within ``within_days``)."""
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        SOPPage.objects.live()
        .filter(status__review_by__lte=horizon)
        .select_related("status", "procedure_owner")
        .order_by("status__review_by", "title")
    )


def sops_due_for_review_owned_by(user, *, within_days: int = 30):
    return sops_due_for_review(within_days=within_days).filter(procedure_owner=user)


@dataclass(frozen=True)
class Shelf:
    """A category of the knowledge base with the SOPs a reader may open in it."""

    category: SOPCategoryPage | None  # None: SOPs filed directly under the index
    sops: list[SOPPage]


def knowledge_base_shelves(index, user) -> list[Shelf]:
    """The index's categories by title, each with the live SOPs ``user`` may
    view in it by title, then a shelf of SOPs filed under the index itself.
    Two queries, whatever the number of categories and SOPs."""
    categories = viewable_by(
        SOPCategoryPage.objects.child_of(index).live().order_by("title"), user
    )
    sops = viewable_by(
        SOPPage.objects.descendant_of(index).live().order_by("title"), user
    ).only("title", "slug", "path", "depth", "url_path", "summary", "department")
    by_parent: dict[str, list[SOPPage]] = {}
    for sop in sops:
        by_parent.setdefault(sop.path[: -SOPPage.steplen], []).append(sop)
    shelves = [
        Shelf(category, by_parent.get(category.path, [])) for category in categories
    ]
    loose = by_parent.get(index.path, [])
    if loose:
        shelves.append(Shelf(None, loose))
    return shelves
