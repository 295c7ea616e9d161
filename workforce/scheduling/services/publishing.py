"""Publishing a team's drafted plan: checked against the rules, each shift an
event on the team's calendar, each person e-mailed their shifts."""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from schedule.models import Event

from workforce.people.models import Team

from .. import calculations as calc
from .. import notifications
from ..models import PlanPublication, Shift
from ..rules import check_shifts
from .common import event_for, locked_team, require_planner, team_calendar
from .enforcement import enforce

# Shifts marked published per UPDATE: two parameters each, plus the ids.
PUBLISH_BATCH = 300


def plan_publish(
    *,
    team: Team,
    first_day: datetime.date,
    last_day: datetime.date,
    by,
    override_reason: str = "",
) -> PlanPublication:
    """Publish the team's drafted shifts from ``first_day`` to ``last_day``.

    Every draft and every day of the period is checked first: refusals stop
    the publication; warnings stop it unless ``override_reason`` says why they
    stand (kept with the publication). Each shift becomes an event on the
    team's calendar, and its person is e-mailed their shifts."""
    require_planner(by, team)
    if last_day < first_day:
        raise ValidationError({"last_day": "The period ends before it starts."})
    with transaction.atomic():
        team = locked_team(team)
        drafts = list(
            Shift.objects.filter(team=team, status=Shift.Status.DRAFT)
            .between(first_day, last_day)
            # A team's few people and shift types, once each, not once a shift.
            .prefetch_related("staff__user", "shift_type", "team")
        )
        findings = check_shifts(
            team=team, shifts=drafts, days=calc.days_between(first_day, last_day)
        )
        overridden = enforce(findings, override_reason=override_reason)
        calendar = team_calendar(team)
        events = Event.objects.bulk_create(
            [event_for(shift, calendar, by) for shift in drafts], batch_size=1000
        )
        for shift, event in zip(drafts, events, strict=True):
            shift.event = event
            shift.status = Shift.Status.PUBLISHED
            if overridden:
                shift.override_reason = override_reason.strip()[:300]
        _mark_published(
            drafts,
            override_reason=override_reason.strip()[:300] if overridden else "",
        )
        publication = PlanPublication.objects.create(
            team=team,
            first_day=first_day,
            last_day=last_day,
            published_by=by,
            override_reason=override_reason.strip() if overridden else "",
            warnings=overridden,
        )
        notifications.after_commit(lambda: _notify_published(publication, drafts))
    return publication


def _mark_published(shifts: list[Shift], *, override_reason: str) -> None:
    """Save the shifts as published with their events, a few hundred to an
    UPDATE. Each row's event comes from one CASE over the ids: Django's
    ``bulk_update`` builds and resolves an expression per row, which took
    most of a month's publishing time."""
    changes = {"status": Shift.Status.PUBLISHED, "updated_at": timezone.now()}
    if override_reason:
        changes["override_reason"] = override_reason
    for at in range(0, len(shifts), PUBLISH_BATCH):
        batch = shifts[at : at + PUBLISH_BATCH]
        event_of = RawSQL(  # noqa: S611 — fixed SQL; the ids are parameters
            "CASE id " + "WHEN %s THEN %s " * len(batch) + "END",
            [value for shift in batch for value in (shift.pk, shift.event_id)],
        )
        Shift.objects.filter(pk__in=[shift.pk for shift in batch]).update(
            event_id=event_of, **changes
        )


def _notify_published(publication: PlanPublication, shifts: list[Shift]) -> None:
    by_person: dict = {}
    for shift in shifts:
        by_person.setdefault(shift.staff, []).append(shift)
    # Shifts share their few start and end times: each is turned local once.
    local = functools.cache(lambda moment: f"{timezone.localtime(moment):%H:%M}")
    for person, own in by_person.items():
        lines = "\n".join(
            f"{s.day:%a %d %b}: {s.shift_type.name} {local(s.start)}–{local(s.end)}"
            for s in own
        )
        notifications.send(
            f"Your shifts {publication.first_day:%d %b} – "
            f"{publication.last_day:%d %b} are published",
            f"{publication.team.name}\n\n{lines}\n",
            [person],
        )
