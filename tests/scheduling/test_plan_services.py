"""The planning services the grid calls besides the foundation's: copying a
week, clearing drafts, saving a pattern's rotation, placing a person."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.scheduling.factories import (
    PatternAssignmentFactory,
    ShiftPatternFactory,
)
from tests.workforce.factories import StaffFactory
from workforce.people.services import resignation_record, staff_move
from workforce.scheduling.models import PatternAssignment, Shift, ShiftPattern
from workforce.scheduling.models.shift_types import readable_text_colour
from workforce.scheduling.services import (
    pattern_assignment_save,
    plan_apply_patterns,
    plan_clear,
    plan_copy_week,
    plan_publish,
    shift_pattern_save,
    shift_set,
)

D = datetime.date
MONDAY = D(2026, 3, 2)
SUNDAY = D(2026, 3, 8)
NEXT_MONDAY = D(2026, 3, 9)


def week_of_earlies(desk):
    """Aisyah and Wei on earlies Monday to Friday of the week of 2 March."""
    pattern = ShiftPatternFactory(
        team=desk["team"], name="Earlies", cells=[desk["early"]] * 5 + [None, None]
    )
    for person in (desk["aisyah"], desk["wei"]):
        PatternAssignmentFactory(staff=person, pattern=pattern, starts_on=MONDAY)
    plan_apply_patterns(
        team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
    )


def days_of(person, first, last):
    return [
        (s.day.day, s.shift_type.code)
        for s in Shift.objects.filter(staff=person).between(first, last)
    ]


def test_copying_a_week_moves_each_shift_on_seven_days_as_a_draft(desk):
    week_of_earlies(desk)
    copied = plan_copy_week(team=desk["team"], week_of=D(2026, 3, 12), by=desk["lead"])
    assert copied == 10
    assert days_of(desk["wei"], NEXT_MONDAY, D(2026, 3, 15)) == [
        (9, "E"),
        (10, "E"),
        (11, "E"),
        (12, "E"),
        (13, "E"),
    ]
    assert set(
        Shift.objects.between(NEXT_MONDAY, D(2026, 3, 15)).values_list(
            "status", flat=True
        )
    ) == {"draft"}


def test_copying_replaces_the_weeks_drafts_and_leaves_published_days(desk):
    week_of_earlies(desk)
    shift_set(
        team=desk["team"],
        staff=desk["aisyah"],
        day=D(2026, 3, 14),
        shift_type=desk["late"],
        by=desk["lead"],
    )
    plan_publish(
        team=desk["team"],
        first_day=NEXT_MONDAY,
        last_day=D(2026, 3, 10),
        by=desk["lead"],
    )
    assert plan_copy_week(team=desk["team"], week_of=NEXT_MONDAY, by=desk["lead"]) == 6
    # Monday and Tuesday were published (empty): nothing copied there; the
    # Saturday draft is gone.
    assert days_of(desk["aisyah"], NEXT_MONDAY, D(2026, 3, 15)) == [
        (11, "E"),
        (12, "E"),
        (13, "E"),
    ]


def test_copying_leaves_out_people_no_longer_in_the_team_and_inactive_types(desk):
    week_of_earlies(desk)
    staff_move(
        staff=desk["wei"],
        team=desk["other"],
        effective_on=D(2026, 3, 11),
        reason="Cover",
        by=desk["manager"],
    )
    assert days_of(desk["wei"], NEXT_MONDAY, D(2026, 3, 15)) == []
    plan_copy_week(team=desk["team"], week_of=NEXT_MONDAY, by=desk["lead"])
    assert days_of(desk["wei"], NEXT_MONDAY, D(2026, 3, 15)) == [(9, "E"), (10, "E")]
    desk["early"].active = False
    desk["early"].save()
    assert plan_copy_week(team=desk["team"], week_of=NEXT_MONDAY, by=desk["lead"]) == 0


def test_copying_stops_at_a_last_working_day(desk, frozen_time):
    frozen_time("2026-03-02 09:00")
    week_of_earlies(desk)
    resignation_record(
        staff=desk["aisyah"],
        notice_given_on=MONDAY,
        last_working_day=D(2026, 3, 10),
        reason="Moving abroad",
        by=desk["manager"],
    )
    plan_copy_week(team=desk["team"], week_of=NEXT_MONDAY, by=desk["lead"])
    assert days_of(desk["aisyah"], NEXT_MONDAY, D(2026, 3, 15)) == [(9, "E"), (10, "E")]


def test_clearing_deletes_the_periods_drafts_only(desk):
    week_of_earlies(desk)
    plan_publish(
        team=desk["team"], first_day=MONDAY, last_day=D(2026, 3, 3), by=desk["lead"]
    )
    assert (
        plan_clear(
            team=desk["team"],
            first_day=D(2026, 3, 4),
            last_day=D(2026, 3, 5),
            by=desk["lead"],
        )
        == 4
    )
    assert Shift.objects.filter(status="draft").count() == 2
    assert Shift.objects.filter(status="published").count() == 4


def test_a_lead_of_another_team_may_not_copy_or_clear(desk):
    week_of_earlies(desk)
    with pytest.raises(PermissionDenied):
        plan_copy_week(team=desk["team"], week_of=NEXT_MONDAY, by=desk["other_lead"])
    with pytest.raises(PermissionDenied):
        plan_clear(
            team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["other_lead"]
        )
    assert Shift.objects.count() == 10


def test_a_pattern_keeps_only_its_weeks_days(desk):
    early = desk["early"]
    pattern = shift_pattern_save(
        pattern=ShiftPattern(team=desk["team"], name="Weekdays", weeks=1),
        cells=[early.pk] * 5 + [None, None] + [early.pk] * 7,
        by=desk["lead"],
    )
    assert pattern.cells() == [early.pk] * 5 + [None, None]


def test_a_lead_may_not_move_a_pattern_out_of_another_team(desk):
    theirs = ShiftPatternFactory(team=desk["other"], name="Theirs")
    theirs.team = desk["team"]
    with pytest.raises(PermissionDenied):
        shift_pattern_save(pattern=theirs, cells=[], by=desk["lead"])
    theirs.refresh_from_db()
    assert theirs.team == desk["other"]


def test_two_patterns_of_a_team_may_not_share_a_name(desk):
    ShiftPatternFactory(team=desk["team"], name="Earlies")
    with pytest.raises(ValidationError, match="already has a pattern of this name"):
        shift_pattern_save(
            pattern=ShiftPattern(team=desk["team"], name="Earlies"),
            cells=[],
            by=desk["lead"],
        )


def test_placements_that_follow_each_other_are_fine(desk):
    pattern = ShiftPatternFactory(team=desk["team"], name="Earlies")
    PatternAssignmentFactory(
        staff=desk["wei"], pattern=pattern, starts_on=MONDAY, ends_on=SUNDAY
    )
    pattern_assignment_save(
        assignment=PatternAssignment(
            staff=desk["wei"], pattern=pattern, starts_on=NEXT_MONDAY
        ),
        by=desk["lead"],
    )
    with pytest.raises(ValidationError, match="already placed in Earlies from"):
        pattern_assignment_save(
            assignment=PatternAssignment(
                staff=desk["wei"], pattern=pattern, starts_on=SUNDAY, ends_on=SUNDAY
            ),
            by=desk["lead"],
        )


def test_a_person_joining_later_may_be_placed_from_their_first_day(desk):
    newcomer = StaffFactory(hired_on=D(2026, 3, 16))
    staff_move(
        staff=newcomer,
        team=desk["team"],
        effective_on=D(2026, 3, 16),
        reason="New hire",
        by=desk["manager"],
    )
    pattern = ShiftPatternFactory(team=desk["team"], name="Earlies")
    placed = pattern_assignment_save(
        assignment=PatternAssignment(staff=newcomer, pattern=pattern, starts_on=MONDAY),
        by=desk["lead"],
    )
    assert placed.recorded_by == desk["lead"]


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#2e7d32", "#ffffff"),  # dark green
        ("#f9a825", "#000000"),  # amber
        ("#ffffff", "#000000"),
        ("#000000", "#ffffff"),
        ("#1565c0", "#ffffff"),  # blue
    ],
)
def test_shift_codes_are_written_in_the_more_readable_of_black_and_white(
    background, text
):
    assert readable_text_colour(background) == text
