"""Checks a set of shifts against the planning rules, with what the database
knows around them: the people's other shifts, their teams on each day, their
last working days, their absences (through ``SCHEDULING_ABSENCES``) and the
team's minimum staffing. A fixed number of queries, however many shifts.

Refused outright: two overlapping shifts for one person; a shift during an
absence that refuses shifts (approved leave), or after a last working day; a
shift for someone not in the team on that day. Warned, and overridable with a
reason: less than the minimum rest, more than the maximum weekly hours, a day
under the team's minimum staffing.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Q
from django.utils import timezone

from workforce.people.models import Resignation, TeamMembership

from . import calculations as calc
from .calculations import Finding, PlannedShift
from .hooks import absences
from .models import Shift, ShiftRules

WEEK = datetime.timedelta(days=7)
MOMENT = datetime.timedelta(microseconds=1)


def shift_key(shift: Shift) -> tuple:
    """Names a shift, saved or not, in findings."""
    return (shift.staff_id, shift.day, shift.start)


def planned(shift: Shift) -> PlannedShift:
    return PlannedShift(
        key=shift_key(shift),
        staff_id=shift.staff_id,
        day=shift.day,
        start=shift.start,
        end=shift.end,
        break_minutes=shift.break_minutes,
    )


def check_shifts(
    *,
    team,
    shifts: Sequence[Shift],
    removing: Iterable[int] = (),
    days: Iterable[datetime.date] = (),
) -> list[Finding]:
    """What the rules say of ``team``'s plan once ``shifts`` stand (saved or
    not) and the saved shifts whose ids are in ``removing`` are gone.

    Only findings about the given shifts, their people's weeks, and the team's
    days they or the removed shifts touch (and ``days``, e.g. a whole period
    being published) are returned.
    """
    days = set(days)
    removing = set(removing)
    candidates = list(shifts)
    removed = list(Shift.objects.filter(pk__in=removing)) if removing else []
    touched = candidates + removed
    if not touched and not days:
        return []
    first = min({s.day for s in touched} | days)
    last = max({s.day for s in touched} | days)
    staff_ids = {s.staff_id for s in candidates}
    candidate_pks = {s.pk for s in candidates if s.pk} | removing

    # Everyone's standing shifts around the period: the people's own (in any
    # team) for rest and weekly hours, and the team's for minimum staffing.
    # Read as plain rows: a month of a large team is thousands of them.
    around = [
        (
            team_id,
            PlannedShift((staff_id, day, start), staff_id, day, start, end, unpaid),
        )
        for team_id, staff_id, day, start, end, unpaid in Shift.objects.standing()
        .between(calc.week_start(first) - datetime.timedelta(days=1), last + WEEK)
        .filter(Q(staff_id__in=staff_ids) | Q(team=team))
        .exclude(pk__in=candidate_pks)
        .values_list("team_id", "staff_id", "day", "start", "end", "break_minutes")
    ]
    standing = [p for _, p in around] + [planned(s) for s in candidates]
    own = [p for p in standing if p.staff_id in staff_ids]
    candidate_keys = {shift_key(s) for s in candidates}
    rules = ShiftRules.load()

    findings = (
        _overlaps_of(own, candidates, candidate_keys)
        + _outside_team_or_employment(team, candidates)
        + _absent(candidates)
    )

    after = _previous_shift_keys(own)
    findings += [
        f
        for f in calc.short_rests(own, minimum_hours=float(rules.minimum_rest_hours))
        # The short rest is before a candidate, or after one.
        if f.key in candidate_keys or after.get(f.key) in candidate_keys
    ]
    weeks = {(s.staff_id, calc.week_start(s.day)) for s in candidates}
    findings += [
        f
        for f in calc.long_weeks(own, maximum_hours=float(rules.maximum_weekly_hours))
        if (f.staff_id, f.day) in weeks
    ]
    team_shifts = [p for team_id, p in around if team_id == team.pk] + [
        planned(s) for s in candidates if s.team_id == team.pk
    ]
    findings += understaffed_days(
        team,
        team_shifts,
        sorted({s.day for s in touched if s.team_id == team.pk} | days),
    )
    return findings


def understaffed_days(
    team, team_shifts: Sequence[PlannedShift], days: Iterable[datetime.date]
) -> list[Finding]:
    """A warning for each of ``days`` with a 30-minute interval under the team's
    minimum while the team is open (``calculations.staffing``)."""
    zone = timezone.get_default_timezone()
    by_day: dict[datetime.date, list[PlannedShift]] = defaultdict(list)
    for shift in team_shifts:
        by_day[shift.day].append(shift)
        by_day[shift.day + datetime.timedelta(days=1)].append(shift)
        by_day[shift.day - datetime.timedelta(days=1)].append(shift)
    findings = []
    for day in days:
        short = [
            (interval.start, interval.headcount)
            for interval in calc.staffing(
                by_day[day], day=day, zone=zone, minimum=team.minimum_staffing
            )
            if interval.short
        ]
        if short:
            findings.append(
                Finding(
                    "minimum_staffing",
                    None,
                    day,
                    f"{day:%a %d %b}: under the minimum of {team.minimum_staffing} "
                    f"for {len(short) * 30} minutes from {short[0][0]:%H:%M} "
                    f"(as few as {min(n for _, n in short)})",
                    refused=False,
                )
            )
    return findings


def _overlaps_of(
    own: Sequence[PlannedShift], candidates: Sequence[Shift], candidate_keys: set
) -> list[Finding]:
    """Overlaps that involve a candidate. ``calc.overlaps`` names an overlap
    by its later shift; when that one is already planned and the candidate
    starts first, the finding is turned to name the candidate."""
    zone = timezone.get_default_timezone()
    by_key = {shift.key: shift for shift in own}
    findings = []
    for finding in calc.overlaps(own, zone=zone):
        if finding.key in candidate_keys:
            findings.append(finding)
            continue
        later = by_key[finding.key]
        for candidate in candidates:
            if (
                candidate.staff_id == later.staff_id
                and candidate.start < later.end
                and later.start < candidate.end
            ):
                findings.append(
                    Finding(
                        "overlap",
                        candidate.staff_id,
                        candidate.day,
                        f"overlaps the shift of {later.day:%a %d %b} "
                        f"({calc.clock_times(later.start, later.end, zone)})",
                        refused=True,
                        key=shift_key(candidate),
                    )
                )
                break
    return findings


def _previous_shift_keys(own: Sequence[PlannedShift]) -> dict:
    """Each shift's key → the key of the same person's shift before it (in
    the order ``calc.short_rests`` pairs them), to tell whose rest is short."""
    people: dict[int, list[PlannedShift]] = defaultdict(list)
    for shift in own:
        people[shift.staff_id].append(shift)
    previous = {}
    for shifts in people.values():
        shifts.sort(key=lambda shift: (shift.start, shift.end))
        for earlier, later in zip(shifts, shifts[1:], strict=False):
            previous[later.key] = earlier.key
    return previous


def _outside_team_or_employment(team, candidates: Sequence[Shift]) -> list[Finding]:
    if not candidates:
        return []
    staff_ids = {s.staff_id for s in candidates}
    first = min(s.day for s in candidates)
    last = max(s.day for s in candidates)
    memberships = defaultdict(list)
    for membership in TeamMembership.objects.filter(
        staff_id__in=staff_ids, valid_from__lte=last
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first)):
        memberships[membership.staff_id].append(membership)
    last_days = dict(
        Resignation.objects.filter(
            staff_id__in=staff_ids, withdrawn_on__isnull=True
        ).values_list("staff_id", "last_working_day")
    )
    findings = []
    for shift in candidates:
        last_day = last_days.get(shift.staff_id)
        if last_day is not None and shift.day > last_day:
            findings.append(
                Finding(
                    "after_last_day",
                    shift.staff_id,
                    shift.day,
                    f"after the last working day ({last_day:%d %b %Y})",
                    refused=True,
                    key=shift_key(shift),
                )
            )
            continue
        in_team = any(
            m.team_id == shift.team_id
            and m.valid_from <= shift.day
            and (m.valid_to is None or shift.day <= m.valid_to)
            for m in memberships[shift.staff_id]
        )
        if not in_team:
            findings.append(
                Finding(
                    "not_in_team",
                    shift.staff_id,
                    shift.day,
                    f"not in {team} on {shift.day:%d %b %Y}",
                    refused=True,
                    key=shift_key(shift),
                )
            )
    return findings


def _absent(candidates: Sequence[Shift]) -> list[Finding]:
    if not candidates:
        return []
    away = defaultdict(list)
    for absence in absences(
        {s.staff_id for s in candidates},
        min(s.day for s in candidates),
        # A shift that crosses midnight reaches into the next day.
        max(s.day for s in candidates) + datetime.timedelta(days=1),
    ):
        if absence.refuses:
            away[absence.staff_id].append(absence)
    zone = timezone.get_default_timezone()
    findings = []
    for shift in candidates:
        for absence in away[shift.staff_id]:
            if _keeps_away(absence, shift, zone):
                findings.append(
                    Finding(
                        "absent",
                        shift.staff_id,
                        shift.day,
                        f"during {absence.label}",
                        refused=True,
                        key=shift_key(shift),
                    )
                )
                break
    return findings


def _keeps_away(absence, shift: Shift, zone) -> bool:
    """Whether ``absence`` refuses ``shift``: one ``by_day`` refuses the
    shifts starting on its local days; any other, those overlapping it."""
    if absence.by_day:
        first = absence.start.astimezone(zone).date()
        last = (
            absence.end.astimezone(zone) - datetime.timedelta(microseconds=1)
        ).date()
        return first <= shift.day <= last
    return absence.start < shift.end and shift.start < absence.end
