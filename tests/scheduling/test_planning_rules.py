"""Drafting, checking and publishing a team's plan, and changes to published
shifts: refusals, warnings overridden with a reason, the change log, e-mails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from schedule.models import Event
from wagtail import hooks

from tests.scheduling.factories import (
    PatternAssignmentFactory,
    ShiftPatternFactory,
    ShiftTypeFactory,
    local,
)
from workforce.people.services import resignation_record, staff_move
from workforce.scheduling.hooks import SCHEDULING_ABSENCES, Absence
from workforce.scheduling.models import PlanPublication, Shift, ShiftChange, ShiftRules
from workforce.scheduling.rules import check_shifts
from workforce.scheduling.services import (
    RulesBroken,
    plan_apply_patterns,
    plan_publish,
    shift_build,
    shift_set,
)

D = datetime.date
MONDAY = D(2026, 3, 2)
SUNDAY = D(2026, 3, 8)


def plan_week(desk, *, by=None):
    """Aisyah on earlies Monday to Friday, Wei on lates; weekends off."""
    e, lt = desk["early"], desk["late"]
    for person, kind in ((desk["aisyah"], e), (desk["wei"], lt)):
        pattern = ShiftPatternFactory(
            team=desk["team"], name=kind.name, cells=[kind] * 5 + [None, None]
        )
        PatternAssignmentFactory(staff=person, pattern=pattern, starts_on=MONDAY)
    return plan_apply_patterns(
        team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=by or desk["lead"]
    )


def test_applying_patterns_drafts_a_shift_per_working_day(desk):
    assert plan_week(desk) == 10
    aisyah = Shift.objects.filter(staff=desk["aisyah"]).order_by("day")
    assert [s.day.day for s in aisyah] == [2, 3, 4, 5, 6]
    first = aisyah[0]
    assert first.status == Shift.Status.DRAFT
    assert (first.start, first.end) == (
        local("2026-03-02 07:00"),
        local("2026-03-02 16:00"),
    )
    assert first.break_minutes == 60


def test_applying_patterns_again_replaces_the_drafts(desk):
    plan_week(desk)
    plan_apply_patterns(
        team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
    )
    assert Shift.objects.count() == 10


def test_patterns_leave_out_days_after_a_move_out_of_the_team(desk):
    staff_move(
        staff=desk["wei"],
        team=desk["other"],
        effective_on=D(2026, 3, 5),
        reason="Cover",
        by=desk["manager"],
    )
    plan_week(desk)
    assert [s.day.day for s in Shift.objects.filter(staff=desk["wei"])] == [2, 3, 4]


def test_a_lead_of_another_team_may_not_plan_it(desk):
    with pytest.raises(PermissionDenied):
        plan_week(desk, by=desk["other_lead"])
    with pytest.raises(PermissionDenied):
        shift_set(
            team=desk["team"],
            staff=desk["wei"],
            day=MONDAY,
            shift_type=desk["early"],
            by=desk["other_lead"],
        )


def test_a_manager_plans_any_team(desk):
    assert plan_week(desk, by=desk["manager"]) == 10


def test_publishing_mirrors_each_shift_as_an_event_on_the_team_calendar(
    desk, django_capture_on_commit_callbacks
):
    plan_week(desk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publication = plan_publish(
            team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
        )
    shifts = Shift.objects.filter(team=desk["team"])
    assert {s.status for s in shifts} == {Shift.Status.PUBLISHED}
    events = Event.objects.filter(calendar__slug="shifts-desk-early")
    assert events.count() == 10
    first = Shift.objects.get(staff=desk["aisyah"], day=MONDAY)
    assert (first.event.start, first.event.end) == (first.start, first.end)
    assert publication.warnings == ""
    # Aisyah has an e-mail address; Wei has none.
    assert [m.to for m in mail.outbox] == [["aisyah@example.com"]]
    assert "Mon 02 Mar: Early 07:00–16:00" in mail.outbox[0].body


def test_a_day_under_minimum_staffing_warns_and_publishes_only_with_a_reason(desk):
    team = desk["team"]
    team.minimum_staffing = 2
    team.save()
    plan_week(desk)
    with pytest.raises(RulesBroken) as broken:
        plan_publish(team=team, first_day=MONDAY, last_day=SUNDAY, by=desk["lead"])
    assert not broken.value.refused
    assert {f.rule for f in broken.value.warnings} == {"minimum_staffing"}
    # Early 07:00-16:00 and late 13:00-22:00 overlap only from 13:00 to 16:00.
    assert "Mon 02 Mar: under the minimum of 2" in broken.value.warnings[0].message
    assert not PlanPublication.objects.exists()
    publication = plan_publish(
        team=team,
        first_day=MONDAY,
        last_day=SUNDAY,
        by=desk["lead"],
        override_reason="Two temps from the partner cover the mornings",
    )
    assert (
        publication.override_reason == "Two temps from the partner cover the mornings"
    )
    assert publication.warnings.count("\n") == 4  # five weekdays


def test_a_shift_after_the_last_working_day_is_refused(desk, frozen_time):
    frozen_time("2026-02-20 10:00")
    resignation_record(
        staff=desk["wei"],
        notice_given_on=D(2026, 2, 20),
        last_working_day=D(2026, 3, 3),
        reason="Moving abroad",
        by=desk["manager"],
    )
    with pytest.raises(RulesBroken) as broken:
        shift_set(
            team=desk["team"],
            staff=desk["wei"],
            day=D(2026, 3, 4),
            shift_type=desk["early"],
            by=desk["lead"],
            override_reason="anything",
        )
    assert [f.rule for f in broken.value.refused] == ["after_last_day"]
    shift_set(
        team=desk["team"],
        staff=desk["wei"],
        day=D(2026, 3, 3),
        shift_type=desk["early"],
        by=desk["lead"],
    )


def test_a_shift_for_someone_not_in_the_team_that_day_is_refused(desk):
    staff_move(
        staff=desk["wei"],
        team=desk["other"],
        effective_on=D(2026, 3, 5),
        reason="Cover",
        by=desk["manager"],
    )
    with pytest.raises(RulesBroken) as broken:
        shift_set(
            team=desk["team"],
            staff=desk["wei"],
            day=D(2026, 3, 5),
            shift_type=desk["early"],
            by=desk["lead"],
        )
    assert [f.rule for f in broken.value.refused] == ["not_in_team"]


@pytest.fixture
def wei_moves_after_a_night(desk):
    """Wei works Monday night in Desk early, then moves to Desk late on Tuesday."""
    staff_move(
        staff=desk["wei"],
        team=desk["other"],
        effective_on=D(2026, 3, 3),
        reason="Cover",
        by=desk["manager"],
    )
    shift_set(
        team=desk["team"],
        staff=desk["wei"],
        day=D(2026, 3, 2),
        shift_type=desk["night"],
        by=desk["lead"],
    )
    return desk


def test_a_shift_starting_as_the_night_ends_in_another_team_warns_of_rest(
    wei_moves_after_a_night,
):
    desk = wei_moves_after_a_night
    desk["early"].teams.add(desk["other"])
    with pytest.raises(RulesBroken) as broken:
        shift_set(
            team=desk["other"],
            staff=desk["wei"],
            day=D(2026, 3, 3),
            shift_type=desk["early"],
            by=desk["other_lead"],
        )
    # Touching is no overlap; 0 h of rest is a warning.
    assert [f.rule for f in broken.value.findings] == ["rest"]
    assert not broken.value.refused


def test_overlapping_shifts_are_refused_even_across_teams(wei_moves_after_a_night):
    desk = wei_moves_after_a_night
    dawn = ShiftTypeFactory(
        name="Dawn",
        code="D",
        starts_at=datetime.time(6),
        ends_at=datetime.time(14),
        teams=[desk["other"]],
    )
    with pytest.raises(RulesBroken) as broken:
        shift_set(
            team=desk["other"],
            staff=desk["wei"],
            day=D(2026, 3, 3),
            shift_type=dawn,
            by=desk["other_lead"],
            override_reason="Short-handed",
        )
    assert [f.rule for f in broken.value.refused] == ["overlap"]


def test_the_minimum_rest_comes_from_the_settings(desk):
    rules = ShiftRules.load()
    rules.minimum_rest_hours = 8
    rules.save()
    shift_set(
        team=desk["team"],
        staff=desk["wei"],
        day=MONDAY,
        shift_type=desk["late"],
        by=desk["lead"],
    )
    # Late ends 22:00; early starts 07:00: nine hours, enough under an 8-hour rule.
    shift_set(
        team=desk["team"],
        staff=desk["wei"],
        day=D(2026, 3, 3),
        shift_type=desk["early"],
        by=desk["lead"],
    )
    assert Shift.objects.filter(staff=desk["wei"]).count() == 2


def test_a_refusing_absence_from_the_hook_refuses_a_shift(desk):
    aisyah = desk["aisyah"]

    asked = []

    def on_leave(staff_ids, first, last):
        asked.append((list(staff_ids), first, last))
        return [
            Absence(
                staff_id=aisyah.pk,
                start=local("2026-03-04 00:00"),
                end=local("2026-03-05 00:00"),
                kind="leave",
                label="annual leave",
            )
        ]

    with hooks.register_temporarily(SCHEDULING_ABSENCES, on_leave):
        with pytest.raises(RulesBroken) as broken:
            shift_set(
                team=desk["team"],
                staff=aisyah,
                day=D(2026, 3, 4),
                shift_type=desk["early"],
                by=desk["lead"],
            )
        assert [f.message for f in broken.value.refused] == ["during annual leave"]
        # Asked to the day after: a shift that crosses midnight reaches into it.
        assert asked == [([aisyah.pk], D(2026, 3, 4), D(2026, 3, 5))]
        shift_set(
            team=desk["team"],
            staff=aisyah,
            day=D(2026, 3, 5),
            shift_type=desk["early"],
            by=desk["lead"],
        )


def test_a_change_after_publishing_needs_a_reason_is_logged_and_mailed(
    desk, django_capture_on_commit_callbacks
):
    plan_week(desk)
    plan_publish(team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"])
    aisyah = desk["aisyah"]
    with pytest.raises(Exception, match="Say why"):
        shift_set(
            team=desk["team"],
            staff=aisyah,
            day=D(2026, 3, 6),
            shift_type=desk["late"],
            by=desk["lead"],
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        shift = shift_set(
            team=desk["team"],
            staff=aisyah,
            day=D(2026, 3, 6),
            shift_type=desk["late"],
            by=desk["lead"],
            reason="Late cover for a course",
        )
    assert shift.status == Shift.Status.PUBLISHED
    assert shift.sequence == 1
    assert shift.event.start == local("2026-03-06 13:00")
    [change] = ShiftChange.objects.all()
    assert change.action == ShiftChange.Action.CHANGED
    assert change.before == "Fri 06 Mar Early 07:00–16:00"
    assert change.after == "Fri 06 Mar Late 13:00–22:00"
    assert change.changed_by == desk["lead"]
    assert [m.to for m in mail.outbox] == [["aisyah@example.com"]]
    assert "Why: Late cover for a course" in mail.outbox[0].body


def test_cancelling_a_published_shift_keeps_it_cancelled_without_its_event(desk):
    plan_week(desk)
    plan_publish(team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"])
    assert (
        shift_set(
            team=desk["team"],
            staff=desk["aisyah"],
            day=MONDAY,
            shift_type=None,
            by=desk["lead"],
            reason="Sent home sick",
        )
        is None
    )
    cancelled = Shift.objects.get(staff=desk["aisyah"], day=MONDAY)
    assert cancelled.status == Shift.Status.CANCELLED
    assert cancelled.event is None
    assert Event.objects.count() == 9
    assert ShiftChange.objects.get().action == ShiftChange.Action.CANCELLED


def test_applying_patterns_leaves_published_days_alone(desk):
    plan_week(desk)
    plan_publish(
        team=desk["team"], first_day=MONDAY, last_day=D(2026, 3, 4), by=desk["lead"]
    )
    drafted = plan_apply_patterns(
        team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
    )
    assert drafted == 4
    assert Shift.objects.published().count() == 6
    assert Shift.objects.count() == 10


def test_a_new_shift_overlapping_a_later_shift_of_the_person_is_refused(desk):
    # An overlap is named by the later of the two shifts; here the later one
    # is already planned and the new one starts first.
    shift_build(
        team=desk["team"], staff=desk["wei"], shift_type=desk["late"], day=MONDAY
    ).save()
    early = shift_build(
        team=desk["team"], staff=desk["wei"], shift_type=desk["early"], day=MONDAY
    )
    findings = check_shifts(team=desk["team"], shifts=[early])
    assert [(f.rule, f.message) for f in findings if f.refused] == [
        ("overlap", "overlaps the shift of Mon 02 Mar (13:00–22:00)")
    ]


def test_a_short_rest_the_new_shift_does_not_touch_is_not_its_finding(desk):
    # Wei's Monday late then Tuesday early: 9 h of rest, overridden earlier.
    for day, kind in ((MONDAY, desk["late"]), (D(2026, 3, 3), desk["early"])):
        shift_set(
            team=desk["team"],
            staff=desk["wei"],
            day=day,
            shift_type=kind,
            by=desk["lead"],
            override_reason="He asked",
        )
    # A Wednesday early, 15 h after Tuesday's, breaks nothing of its own.
    wednesday = shift_build(
        team=desk["team"],
        staff=desk["wei"],
        shift_type=desk["early"],
        day=D(2026, 3, 4),
    )
    assert check_shifts(team=desk["team"], shifts=[wednesday]) == []
    # A Sunday late before Monday's late leaves 15 h: fine; a Sunday night
    # ending at 07:00 Monday leaves 6 h before the late, its own finding.
    sunday = shift_build(
        team=desk["team"],
        staff=desk["wei"],
        shift_type=desk["night"],
        day=D(2026, 3, 1),
    )
    assert [
        (f.rule, f.day) for f in check_shifts(team=desk["team"], shifts=[sunday])
    ] == [("rest", MONDAY)]
