"""Writes of shift planning: drafting a team's plan, publishing it, changing
published shifts (logged and notified)."""

import datetime
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from schedule.models import Calendar, Event

from workforce.people.models import Resignation, Staff, Team, TeamMembership

from . import calculations as calc
from . import notifications
from .calculations import Finding
from .models import (
    PatternAssignment,
    PlanPublication,
    Shift,
    ShiftChange,
    ShiftPattern,
    ShiftPatternDay,
    ShiftSwap,
    ShiftType,
)
from .rules import check_shifts
from .selectors import OPEN_SWAPS, may_plan, published_days

# Shifts marked published per UPDATE: two parameters each, plus the ids.
PUBLISH_BATCH = 300


class RulesBroken(ValidationError):
    """Shifts that break the rules: refused ones, or warnings not overridden."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__([f.message for f in findings])

    @property
    def refused(self) -> list[Finding]:
        return [f for f in self.findings if f.refused]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.refused]


def enforce(findings: list[Finding], *, override_reason: str) -> str:
    """Raise on refusals, and on warnings with no reason to override them;
    return the warnings overridden, one a line."""
    if any(f.refused for f in findings) or (findings and not override_reason.strip()):
        raise RulesBroken(findings)
    return "\n".join(f.message for f in findings)


def shift_build(*, team: Team, staff, shift_type: ShiftType, day) -> Shift:
    """An unsaved draft shift of ``shift_type`` starting on ``day``."""
    start, end = calc.shift_bounds(
        day, shift_type.starts_at, shift_type.ends_at, timezone.get_default_timezone()
    )
    return Shift(
        team=team,
        staff=staff,
        shift_type=shift_type,
        day=day,
        start=start,
        end=end,
        break_minutes=shift_type.unpaid_break_minutes,
    )


def team_calendar(team: Team) -> Calendar:
    """The django-scheduler calendar of the team's published shifts."""
    calendar, _ = Calendar.objects.get_or_create(
        slug=f"shifts-{team.slug}"[:200], defaults={"name": f"{team.name} shifts"}
    )
    return calendar


def _require_planner(by, team: Team) -> None:
    if not may_plan(viewer=by, team=team):
        raise PermissionDenied("Only a lead of the team or a manager plans its shifts.")


def _locked_team(team: Team) -> Team:
    # One planner writes a team's plan at a time.
    return Team.objects.select_for_update().get(pk=team.pk)


def plan_apply_patterns(
    *, team: Team, first_day: datetime.date, last_day: datetime.date, by
) -> int:
    """Draft the team's shifts from its people's patterns for the days of the
    period not yet published, replacing the drafts there. Only the days a
    person is in the team and before any last working day get shifts.
    Returns the number of shifts drafted."""
    _require_planner(by, team)
    with transaction.atomic():
        team = _locked_team(team)
        open_days = set(calc.days_between(first_day, last_day)) - published_days(
            team, first_day, last_day
        )
        assignments = list(
            PatternAssignment.objects.filter(
                pattern__team=team, starts_on__lte=last_day
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first_day))
            .select_related("pattern")
            .prefetch_related("pattern__days")
        )
        staff_ids = {a.staff_id for a in assignments}
        in_team = _team_days(team, staff_ids, first_day, last_day)
        types = {t.pk: t for t in ShiftType.objects.all()}
        zone = timezone.get_default_timezone()
        # Every shift of one type on one day has the same times: work them
        # out once, not once a person.
        bounds: dict[tuple, tuple] = {}
        drafts = []
        for assignment in assignments:
            pairs = calc.expand_rotation(
                assignment.pattern.cells(),
                anchor=assignment.starts_on,
                offset_days=assignment.rotation_offset_days,
                first=max(first_day, assignment.starts_on),
                last=min(last_day, assignment.ends_on or last_day),
            )
            for day, type_id in pairs:
                if day not in open_days or day not in in_team[assignment.staff_id]:
                    continue
                kind = types[type_id]
                if (day, type_id) not in bounds:
                    bounds[(day, type_id)] = calc.shift_bounds(
                        day, kind.starts_at, kind.ends_at, zone
                    )
                start, end = bounds[(day, type_id)]
                drafts.append(
                    Shift(
                        team_id=team.pk,
                        staff_id=assignment.staff_id,
                        shift_type_id=type_id,
                        day=day,
                        start=start,
                        end=end,
                        break_minutes=kind.unpaid_break_minutes,
                    )
                )
        Shift.objects.filter(
            team=team, status=Shift.Status.DRAFT, day__in=open_days
        ).filter(staff_id__in=staff_ids).delete()
        Shift.objects.bulk_create(drafts, batch_size=1000)
    return len(drafts)


def plan_copy_week(*, team: Team, week_of: datetime.date, by) -> int:
    """Draft the week holding ``week_of`` as a copy of the week before: each
    standing shift of the team moves on seven days, on the week's days not yet
    published, replacing the drafts there. Only the days a person is in the
    team (and before any last working day) get shifts; inactive shift types
    are left out. Returns the number of shifts drafted."""
    _require_planner(by, team)
    monday = calc.week_start(week_of)
    sunday = monday + datetime.timedelta(days=6)
    week = datetime.timedelta(days=7)
    with transaction.atomic():
        team = _locked_team(team)
        open_days = set(calc.days_between(monday, sunday)) - published_days(
            team, monday, sunday
        )
        source = list(
            Shift.objects.standing()
            .filter(team=team, shift_type__active=True)
            .between(monday - week, sunday - week)
            .select_related("shift_type", "staff")
        )
        in_team = _team_days(team, {s.staff_id for s in source}, monday, sunday)
        drafts = [
            shift_build(
                team=team,
                staff=shift.staff,
                shift_type=shift.shift_type,
                day=shift.day + week,
            )
            for shift in source
            if shift.day + week in open_days
            and shift.day + week in in_team[shift.staff_id]
        ]
        Shift.objects.filter(
            team=team, status=Shift.Status.DRAFT, day__in=open_days
        ).delete()
        Shift.objects.bulk_create(drafts, batch_size=1000)
    return len(drafts)


def plan_clear(
    *, team: Team, first_day: datetime.date, last_day: datetime.date, by
) -> int:
    """Delete the team's drafted shifts from ``first_day`` to ``last_day``;
    published shifts stay. Returns the number deleted."""
    _require_planner(by, team)
    with transaction.atomic():
        team = _locked_team(team)
        deleted, _ = (
            Shift.objects.filter(team=team, status=Shift.Status.DRAFT)
            .between(first_day, last_day)
            .delete()
        )
    return deleted


def _team_days(team, staff_ids, first_day, last_day) -> dict[int, set]:
    """For each person, the days from ``first_day`` to ``last_day`` they are
    in ``team`` and not past a last working day."""
    days: dict[int, set] = {pk: set() for pk in staff_ids}
    last_days = dict(
        Resignation.objects.filter(
            staff_id__in=staff_ids, withdrawn_on__isnull=True
        ).values_list("staff_id", "last_working_day")
    )
    for membership in TeamMembership.objects.filter(
        team=team, staff_id__in=staff_ids, valid_from__lte=last_day
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first_day)):
        until = min(
            d
            for d in (membership.valid_to, last_days.get(membership.staff_id), last_day)
            if d is not None
        )
        days[membership.staff_id].update(
            calc.days_between(max(first_day, membership.valid_from), until)
        )
    return days


def _event_for(shift: Shift, calendar: Calendar, by) -> Event:
    return Event(
        calendar=calendar,
        start=shift.start,
        end=shift.end,
        title=f"{shift.shift_type.name} shift: {shift.staff.full_name}",
        description=f"{shift.team.name}, unpaid break {shift.break_minutes} min",
        color_event=shift.shift_type.colour,
        creator=by if by and by.is_authenticated else None,
    )


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
    _require_planner(by, team)
    if last_day < first_day:
        raise ValidationError({"last_day": "The period ends before it starts."})
    with transaction.atomic():
        team = _locked_team(team)
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
            [_event_for(shift, calendar, by) for shift in drafts], batch_size=1000
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


def shift_set(
    *,
    team: Team,
    staff,
    day: datetime.date,
    shift_type: ShiftType | None,
    by,
    reason: str = "",
    override_reason: str = "",
) -> Shift | None:
    """Set one cell of the plan: ``staff``'s shift on ``day`` becomes
    ``shift_type``, or none (off).

    On a draft day the draft is replaced. On a published day the change is
    made at once and needs a ``reason``: it is logged, the calendar event
    follows, and the person is e-mailed. Rules are checked on the result."""
    _require_planner(by, team)
    with transaction.atomic():
        team = _locked_team(team)
        published = day in published_days(team, day, day)
        if published and not reason.strip():
            raise ValidationError({"reason": "Say why a published shift changes."})
        current = (
            Shift.objects.standing()
            .filter(team=team, staff=staff, day=day)
            .select_related("shift_type", "event", "staff__user", "team")
            .first()
        )
        new = (
            shift_build(team=team, staff=staff, shift_type=shift_type, day=day)
            if shift_type
            else None
        )
        findings = check_shifts(
            team=team,
            shifts=[new] if new else [],
            removing=[current.pk] if current else [],
        )
        overridden = enforce(findings, override_reason=override_reason)
        if new and overridden:
            new.override_reason = override_reason.strip()[:300]
        if not published:
            if current:
                current.delete()
            if new:
                new.save()
            return new
        return _change_published(
            team=team, current=current, new=new, by=by, reason=reason.strip()
        )


def _describe(shift: Shift | None) -> str:
    if shift is None:
        return "off"
    start, end = timezone.localtime(shift.start), timezone.localtime(shift.end)
    return f"{shift.day:%a %d %b} {shift.shift_type.name} {start:%H:%M}–{end:%H:%M}"


def _change_published(*, team, current, new, by, reason) -> Shift | None:
    calendar = team_calendar(team)
    before = _describe(current)
    if current and new:
        current.shift_type = new.shift_type
        current.start, current.end = new.start, new.end
        current.break_minutes = new.break_minutes
        current.override_reason = new.override_reason
        current.sequence += 1
        if current.event_id:
            event = current.event
            fresh = _event_for(current, calendar, by)
            event.start, event.end = fresh.start, fresh.end
            event.title, event.color_event = fresh.title, fresh.color_event
            event.save()
        current.save()
        shift, action = current, ShiftChange.Action.CHANGED
    elif current:
        if current.event_id:
            current.event.delete()
        current.status = Shift.Status.CANCELLED
        current.event = None
        current.sequence += 1
        current.save()
        shift, action = current, ShiftChange.Action.CANCELLED
    elif new:
        new.event = _event_for(new, calendar, by)
        new.event.save()
        new.status = Shift.Status.PUBLISHED
        new.save()
        shift, action = new, ShiftChange.Action.ADDED
    else:
        return None
    change = ShiftChange.objects.create(
        shift=shift,
        action=action,
        before=before if action != ShiftChange.Action.ADDED else "",
        after=_describe(new) if new else "",
        reason=reason,
        changed_by=by,
    )
    notifications.after_commit(lambda: _notify_change(change))
    return shift if shift.status != Shift.Status.CANCELLED else None


def _notify_change(change: ShiftChange) -> None:
    shift = change.shift
    notifications.send(
        f"Your shift on {shift.day:%a %d %b} was {change.get_action_display().lower()}",
        (
            f"{shift.team.name}\n\nBefore: {change.before or 'off'}\n"
            f"Now: {change.after or 'off'}\nWhy: {change.reason}\n"
        ),
        [shift.staff],
    )


def shifts_end_after(*, staff, last_day: datetime.date, by, reason: str) -> int:
    """End ``staff``'s plan after ``last_day``: published shifts starting
    later are cancelled (logged with ``reason``, their events removed, their
    open swaps closed), drafts deleted; the person and the teams' leads are
    e-mailed the list. Returns how many published shifts were cancelled."""
    with transaction.atomic():
        Shift.objects.filter(
            staff=staff, status=Shift.Status.DRAFT, day__gt=last_day
        ).delete()
        cancelled = list(
            Shift.objects.select_for_update(of=("self",))
            .filter(staff=staff, status=Shift.Status.PUBLISHED, day__gt=last_day)
            .select_related("shift_type", "team")
        )
        if not cancelled:
            return 0
        before = {shift.pk: _describe(shift) for shift in cancelled}
        events = [shift.event_id for shift in cancelled if shift.event_id]
        now = timezone.now()
        for shift in cancelled:
            shift.status = Shift.Status.CANCELLED
            shift.event = None
            shift.sequence += 1
            shift.updated_at = now
        Shift.objects.bulk_update(
            cancelled, ["status", "event", "sequence", "updated_at"], batch_size=1000
        )
        Event.objects.filter(pk__in=events).delete()
        by = by if by is not None and by.is_authenticated else None
        ShiftChange.objects.bulk_create(
            [
                ShiftChange(
                    shift=shift,
                    action=ShiftChange.Action.CANCELLED,
                    before=before[shift.pk],
                    reason=reason,
                    changed_by=by,
                )
                for shift in cancelled
            ],
            batch_size=1000,
        )
        pks = [shift.pk for shift in cancelled]
        ShiftSwap.objects.filter(status__in=OPEN_SWAPS).filter(
            Q(shift__in=pks)
            | Q(in_return__in=pks)
            | Q(taken_by=staff, shift__day__gt=last_day)
        ).update(
            status=ShiftSwap.Status.WITHDRAWN,
            decided_by=by,
            decided_at=now,
            decision_comment=f"Closed: {reason}."[:300],
        )
        transaction.on_commit(
            lambda: _notify_ended(staff, last_day, cancelled, before, reason)
        )
    return len(cancelled)


def _notify_ended(staff, last_day, cancelled, before, reason) -> None:
    teams = {shift.team_id: shift.team for shift in cancelled}
    leads = list(
        Staff.objects.filter(led_teams__in=teams).select_related("user").distinct()
    )
    lines = "\n".join(before[shift.pk] for shift in cancelled)
    notifications.send(
        f"Shifts of {staff.full_name} after {last_day:%d %b %Y} cancelled",
        f"{reason}: {staff.full_name}'s last working day is {last_day:%d %b %Y}. "
        f"These shifts are cancelled:\n\n{lines}\n",
        [staff, *leads],
    )


def shift_pattern_save(
    *, pattern: ShiftPattern, cells: list[int | None], by
) -> ShiftPattern:
    """Save a pattern and its rotation: ``cells`` holds a shift type id, or
    None for a day off, for each day Monday first; days past the pattern's
    ``weeks`` are dropped. Every shift type must be an active one the team
    uses."""
    _require_planner(by, pattern.team)
    if pattern.pk:
        saved_team = ShiftPattern.objects.values_list("team", flat=True).get(
            pk=pattern.pk
        )
        _require_planner(by, Team.objects.get(pk=saved_team))
    pattern.full_clean()
    cells = list(cells[: pattern.length_days])
    wanted = {type_id for type_id in cells if type_id is not None}
    usable = set(
        ShiftType.objects.for_team(pattern.team)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if wanted - usable:
        names = ", ".join(
            ShiftType.objects.filter(pk__in=wanted - usable).values_list(
                "name", flat=True
            )
        )
        raise ValidationError(
            {"rotation": f"{pattern.team} does not use these shift types: {names}."}
        )
    with transaction.atomic():
        pattern.save()
        pattern.days.all().delete()
        ShiftPatternDay.objects.bulk_create(
            ShiftPatternDay(pattern=pattern, index=index, shift_type_id=type_id)
            for index, type_id in enumerate(cells)
            if type_id is not None
        )
    return pattern


def pattern_assignment_save(*, assignment: PatternAssignment, by) -> PatternAssignment:
    """Place a person in a pattern from a date, at a rotation offset. The
    person must be in the pattern's team for some of that time, and in no
    other pattern of theirs over the same days."""
    pattern = assignment.pattern
    _require_planner(by, pattern.team)
    if assignment.pk:
        saved = PatternAssignment.objects.select_related("pattern__team").get(
            pk=assignment.pk
        )
        _require_planner(by, saved.pattern.team)
    assignment.full_clean()
    until = assignment.ends_on
    memberships = TeamMembership.objects.filter(
        staff=assignment.staff, team=pattern.team
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=assignment.starts_on))
    if until is not None:
        memberships = memberships.filter(valid_from__lte=until)
    if not memberships.exists():
        raise ValidationError(
            {
                "staff": f"{assignment.staff.full_name} is not in {pattern.team} "
                "at any time from the start of this placement."
            }
        )
    others = (
        PatternAssignment.objects.filter(staff=assignment.staff)
        .exclude(pk=assignment.pk)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=assignment.starts_on))
        .select_related("pattern")
    )
    if until is not None:
        others = others.filter(starts_on__lte=until)
    clash = others.first()
    if clash is not None:
        raise ValidationError(
            {
                "starts_on": f"{assignment.staff.full_name} is already placed in "
                f"{clash.pattern.name} from {clash.starts_on:%Y-%m-%d}"
                + (f" to {clash.ends_on:%Y-%m-%d}" if clash.ends_on else "")
                + ": end that placement first."
            }
        )
    assignment.recorded_by = by
    assignment.save()
    return assignment
