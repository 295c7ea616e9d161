"""Saving shift patterns (a rotation of shift types) and placing people in them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from workforce.people.models import Team, TeamMembership

from ..models import PatternAssignment, ShiftPattern, ShiftPatternDay, ShiftType
from .common import require_planner


def shift_pattern_save(
    *, pattern: ShiftPattern, cells: list[int | None], by
) -> ShiftPattern:
    """Save a pattern and its rotation: ``cells`` holds a shift type id, or
    None for a day off, for each day Monday first; days past the pattern's
    ``weeks`` are dropped. Every shift type must be an active one the team
    uses."""
    require_planner(by, pattern.team)
    if pattern.pk:
        saved_team = ShiftPattern.objects.values_list("team", flat=True).get(
            pk=pattern.pk
        )
        require_planner(by, Team.objects.get(pk=saved_team))
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
    require_planner(by, pattern.team)
    if assignment.pk:
        saved = PatternAssignment.objects.select_related("pattern__team").get(
            pk=assignment.pk
        )
        require_planner(by, saved.pattern.team)
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
