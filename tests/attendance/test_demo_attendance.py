"""The demo's clock: four weeks of events for the planned people that the
team pages read as mostly on time, some late, a few absent. Seeds only what
it stands on (the demo sign-ins, the people, their plan and their leave)."""

import datetime
from collections import Counter

import pytest

from deskbook.core.demo import ensure_demo_users
from workforce.attendance import calculations as calc
from workforce.attendance.demo import seed_attendance
from workforce.attendance.models import ClockEvent
from workforce.attendance.selectors import team_attendance
from workforce.leave.demo import seed_leave
from workforce.people.demo import TEAMS, seed_teams_and_staff
from workforce.people.models import Team
from workforce.scheduling.demo import seed_shift_planning
from workforce.scheduling.models import Shift

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

QUIET = {"log": lambda line: None}


@pytest.fixture
def demo(frozen_time):
    """Seeded on Tuesday 31 March 2026, late in the evening: this month's
    plan is published from the 1st, so four weeks back all lie in it."""
    frozen_time("2026-03-31 23:30")
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    seed_shift_planning(size="small", **QUIET)
    seed_leave(size="small", **QUIET)
    lines = []
    seed_attendance(size="small", log=lines.append)
    return lines


def statuses() -> Counter:
    found = Counter()
    for name, *_ in TEAMS:
        team = Team.objects.get(name=name)
        attendance = team_attendance(
            team=team, first=datetime.date(2026, 3, 3), last=datetime.date(2026, 3, 30)
        )
        for person in attendance.people:
            found.update(day.derived.status for day in person.days)
            found.update(f for day in person.days for f in day.derived.flags)
    return found


def test_the_demo_clocks_the_planned_people_in_and_out(demo):
    events = ClockEvent.objects.all()
    assert events.count() > 500
    clocked = set(events.values_list("staff_id", flat=True))
    planned = set(
        Shift.objects.published()
        .filter(day__gte=datetime.date(2026, 3, 3), day__lte=datetime.date(2026, 3, 30))
        .values_list("staff_id", flat=True)
    )
    assert clocked <= planned
    assert len(clocked) >= len(planned) - 1
    kinds = Counter(events.values_list("kind", flat=True))
    assert set(kinds) == {calc.CLOCK_IN, calc.CLOCK_OUT}
    # A couple of clock-outs forgotten: a few more ins than outs.
    assert 1 <= kinds[calc.CLOCK_IN] - kinds[calc.CLOCK_OUT] <= 15
    assert demo[0].startswith(f"  attendance: {events.count()} clock events")


def test_the_days_read_mostly_present_with_some_late_absent_and_early(demo):
    found = statuses()
    scheduled = sum(
        found[s] for s in (calc.PRESENT, calc.LATE, calc.LEFT_EARLY, calc.ABSENT)
    )
    assert found[calc.PRESENT] > 0.7 * scheduled
    assert 0.03 * scheduled < found[calc.LATE] < 0.2 * scheduled
    assert 1 <= found[calc.ABSENT] < 0.05 * scheduled
    assert found[calc.LEFT_EARLY] >= 1
    assert found[calc.MISSING_CLOCK_OUT] >= 1
    assert found[calc.ON_LEAVE] >= 1
    # Nobody clocks in on a day off in the demo.
    assert found[calc.UNSCHEDULED_WORK] == 0


def test_people_clocking_in_on_time_do_so_a_few_minutes_early(demo):
    ins = ClockEvent.objects.filter(kind=calc.CLOCK_IN)
    on_time = 0
    for event in ins.select_related("staff"):
        shift = (
            Shift.objects.published()
            .filter(staff=event.staff, start__gt=event.at)
            .order_by("start")
            .first()
        )
        if shift and shift.start - event.at <= datetime.timedelta(minutes=9):
            on_time += 1
    assert on_time > 0.7 * ins.count()


def test_a_second_run_changes_nothing(demo):
    before = list(ClockEvent.objects.order_by("pk").values_list("pk", "kind", "at"))
    lines = []
    seed_attendance(size="small", log=lines.append)
    after = list(ClockEvent.objects.order_by("pk").values_list("pk", "kind", "at"))
    assert after == before
    count = len(before)
    assert lines == [
        f"  attendance: {count} clock events (0 new, {count} already recorded)"
    ]
