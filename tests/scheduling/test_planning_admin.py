"""The planning back office around the grid: shift types, patterns, pattern
assignments and the change log, each allowed to its roles and refused (403)
to the others."""

import datetime

import pytest

from deskbook.core.roles import COLLECTOR
from tests.scheduling.factories import (
    PatternAssignmentFactory,
    ShiftPatternFactory,
    ShiftTypeFactory,
)
from tests.workforce.factories import StaffFactory
from workforce.scheduling.models import (
    PatternAssignment,
    ShiftChange,
    ShiftPattern,
    ShiftType,
)
from workforce.scheduling.services import plan_publish, shift_set

D = datetime.date
TYPES = "/admin/workforce/shift-types/"
PATTERNS = "/admin/workforce/shift-patterns/"
ASSIGNMENTS = "/admin/workforce/pattern-placements/"
CHANGES = "/admin/workforce/shift-changes/"


def listing(response) -> str:
    """The rows of a listing, without its filters."""
    html = response.content.decode()
    if '<table class="listing' not in html:
        return ""
    table = html.split('<table class="listing', 1)[1]
    return table.split("<tbody", 1)[1].split("</tbody>", 1)[0]


def csv_of(response) -> str:
    return b"".join(response.streaming_content).decode()


def rotation(*codes, desk):
    """The rotation's form data: a code (or None) a day, Monday first."""
    by_code = {t.code: t.pk for t in (desk["early"], desk["late"], desk["night"])}
    cells = list(codes) + [None] * (28 - len(codes))
    return {f"rotation_{i}": by_code[c] if c else "" for i, c in enumerate(cells)}


@pytest.fixture
def desk_at(desk, frozen_time):
    frozen_time("2026-03-02 09:00")
    return desk


# Shift types: managers keep them, leads see them.


MIDDLE = {
    "name": "Middle",
    "code": "M",
    "starts_at": "10:00",
    "ends_at": "19:00",
    "unpaid_break_minutes": "60",
    "colour": "#1565c0",
    "active": "on",
}


def test_a_manager_adds_a_shift_type(client, desk_at):
    client.force_login(desk_at["manager"])
    response = client.post(f"{TYPES}new/", {**MIDDLE, "teams": [desk_at["team"].pk]})
    assert response.status_code == 302
    middle = ShiftType.objects.get(code="M")
    assert (middle.starts_at, middle.paid_hours) == (datetime.time(10), 8)
    assert list(middle.teams.all()) == [desk_at["team"]]


def test_a_shift_type_ending_as_it_starts_is_refused_with_the_reason(client, desk_at):
    client.force_login(desk_at["manager"])
    response = client.post(f"{TYPES}new/", {**MIDDLE, "ends_at": "10:00"})
    assert response.status_code == 200
    assert "A shift cannot end at the time it starts." in response.content.decode()
    assert not ShiftType.objects.filter(code="M").exists()


def test_a_lead_sees_shift_types_but_may_not_change_them(client, desk_at):
    client.force_login(desk_at["lead"])
    page = client.get(TYPES).content.decode()
    assert "Early" in page and "07:00" in page and "16:00" in page
    assert client.get(f"{TYPES}new/").status_code == 403
    assert client.get(f"{TYPES}edit/{desk_at['early'].pk}/").status_code == 403
    assert client.post(f"{TYPES}delete/{desk_at['early'].pk}/").status_code == 403
    assert ShiftType.objects.filter(pk=desk_at["early"].pk).exists()


def test_shift_types_filter_by_team_and_export_safely(client, desk_at):
    ShiftTypeFactory(name="=SUM(A1)", code="Q", teams=[desk_at["other"]])
    client.force_login(desk_at["manager"])
    page = client.get(TYPES, {"teams": desk_at["other"].pk}).content.decode()
    assert "=SUM(A1)" in page and "Early" not in page
    body = csv_of(client.get(TYPES, {"export": "csv"}))
    assert "'=SUM(A1),Q,08:00:00,17:00:00,60,8.0,#2e7d32,Desk late,True" in body


def test_a_collector_is_refused_the_planning_back_office(client, desk_at):
    client.force_login(desk_at["aisyah_user"])
    for url in (TYPES, PATTERNS, f"{PATTERNS}new/", ASSIGNMENTS, CHANGES):
        assert client.get(url).status_code == 403, url


def test_signed_out_visitors_go_to_the_sign_in(client, desk_at):
    for url in (TYPES, PATTERNS, ASSIGNMENTS, CHANGES):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next="), url


# Patterns: a lead keeps their own teams', a manager every team's.


def test_a_lead_makes_a_two_week_pattern_a_row_a_week(client, desk_at):
    client.force_login(desk_at["lead"])
    form = client.get(f"{PATTERNS}new/").content.decode()
    assert 'aria-label="Week 2, Wednesday"' in form
    assert "Desk late" not in form  # not a team they lead
    response = client.post(
        f"{PATTERNS}new/",
        {
            "team": desk_at["team"].pk,
            "name": "Earlies then lates",
            "weeks": "2",
            # A third week is filled in but the pattern has two: ignored.
            **rotation(
                *"EEEEE", None, None, *"LLLLL", None, None, *"NNN", desk=desk_at
            ),
        },
    )
    assert response.status_code == 302
    pattern = ShiftPattern.objects.get(name="Earlies then lates")
    assert pattern.rotation_codes() == "E E E E E - - | L L L L L - -"
    assert pattern.days.count() == 10


def test_editing_a_pattern_shows_and_replaces_its_rotation(client, desk_at):
    early, late = desk_at["early"], desk_at["late"]
    pattern = ShiftPatternFactory(
        team=desk_at["team"], name="Earlies", cells=[early] * 5 + [None, None]
    )
    client.force_login(desk_at["lead"])
    form = client.get(f"{PATTERNS}edit/{pattern.pk}/").content.decode()
    assert f'<option value="{early.pk}" selected>E · Early</option>' in form
    client.post(
        f"{PATTERNS}edit/{pattern.pk}/",
        {
            "team": desk_at["team"].pk,
            "name": "Earlies",
            "weeks": "1",
            **rotation(None, None, *"LLLLL", desk=desk_at),
        },
    )
    pattern.refresh_from_db()
    assert pattern.cells() == [None, None, late.pk, late.pk, late.pk, late.pk, late.pk]


def test_a_pattern_may_use_only_the_teams_shift_types(client, desk_at):
    dawn = ShiftTypeFactory(name="Dawn", code="D", teams=[desk_at["other"]])
    client.force_login(desk_at["manager"])
    data = {
        "team": desk_at["team"].pk,
        "name": "Dawns",
        "weeks": "1",
        **rotation(desk=desk_at),
        "rotation_0": dawn.pk,
    }
    response = client.post(f"{PATTERNS}new/", data)
    assert response.status_code == 200
    assert "Desk early does not use these shift types: Dawn." in (
        response.content.decode()
    )
    assert not ShiftPattern.objects.exists()


def test_a_lead_sees_and_edits_only_their_teams_patterns(client, desk_at):
    mine = ShiftPatternFactory(team=desk_at["team"], name="Mine")
    theirs = ShiftPatternFactory(team=desk_at["other"], name="Theirs")
    client.force_login(desk_at["lead"])
    page = client.get(PATTERNS).content.decode()
    assert "Mine" in page and "Theirs" not in page
    for url in (
        f"{PATTERNS}edit/{theirs.pk}/",
        f"{PATTERNS}delete/{theirs.pk}/",
        f"{PATTERNS}history/{theirs.pk}/",
        f"{PATTERNS}usage/{theirs.pk}/",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        f"{PATTERNS}edit/{theirs.pk}/",
        {"team": desk_at["team"].pk, "name": "Stolen", "weeks": "1"},
    )
    assert response.status_code == 403
    assert client.post(f"{PATTERNS}delete/{theirs.pk}/").status_code == 403
    assert ShiftPattern.objects.filter(name="Theirs").exists()
    assert client.get(f"{PATTERNS}edit/{mine.pk}/").status_code == 200
    client.force_login(desk_at["manager"])
    assert client.get(f"{PATTERNS}edit/{theirs.pk}/").status_code == 200


def test_patterns_export_their_rotation(client, desk_at):
    ShiftPatternFactory(
        team=desk_at["team"],
        name="Earlies",
        cells=[desk_at["early"]] * 5 + [None, None],
    )
    client.force_login(desk_at["lead"])
    body = csv_of(client.get(PATTERNS, {"export": "csv"}))
    assert "Desk early,Earlies,1,E E E E E - -,0" in body


# Pattern assignments: a person in a pattern from a date, at an offset.


@pytest.fixture
def earlies(desk_at):
    return ShiftPatternFactory(
        team=desk_at["team"],
        name="Earlies",
        weeks=2,
        cells=[desk_at["early"]] * 5 + [None, None] + [desk_at["late"]] * 5,
    )


def test_a_lead_places_a_person_at_an_offset(client, desk_at, earlies):
    client.force_login(desk_at["lead"])
    form = client.get(f"{ASSIGNMENTS}new/").content.decode()
    assert "7: week 2, Monday" in form
    response = client.post(
        f"{ASSIGNMENTS}new/",
        {
            "staff": desk_at["wei"].pk,
            "pattern": earlies.pk,
            "starts_on": "2026-03-02",
            "rotation_offset_days": "7",
        },
    )
    assert response.status_code == 302
    placed = PatternAssignment.objects.get()
    assert (placed.rotation_offset_days, placed.recorded_by) == (7, desk_at["lead"])


def test_an_offset_past_the_rotation_is_refused(client, desk_at, earlies):
    client.force_login(desk_at["lead"])
    response = client.post(
        f"{ASSIGNMENTS}new/",
        {
            "staff": desk_at["wei"].pk,
            "pattern": earlies.pk,
            "starts_on": "2026-03-02",
            "rotation_offset_days": "14",
        },
    )
    assert "The rotation has 14 days: the offset must be under 14." in (
        response.content.decode()
    )
    assert not PatternAssignment.objects.exists()


def test_a_second_pattern_over_the_same_days_is_refused(client, desk_at, earlies):
    PatternAssignmentFactory(staff=desk_at["wei"], pattern=earlies)
    lates = ShiftPatternFactory(team=desk_at["team"], name="Lates")
    client.force_login(desk_at["lead"])
    response = client.post(
        f"{ASSIGNMENTS}new/",
        {
            "staff": desk_at["wei"].pk,
            "pattern": lates.pk,
            "starts_on": "2026-04-06",
            "rotation_offset_days": "0",
        },
    )
    assert (
        "Wei Ming Tan is already placed in Earlies from 2026-03-02: end that "
        "placement first." in response.content.decode()
    )
    assert PatternAssignment.objects.count() == 1


def test_a_lead_places_only_their_teams_people(client, desk_at, earlies):
    outsider = StaffFactory(first_name="Kelvin", team=desk_at["other"])
    client.force_login(desk_at["lead"])
    form = client.get(f"{ASSIGNMENTS}new/").content.decode()
    assert "Wei Ming" in form and "Kelvin" not in form
    response = client.post(
        f"{ASSIGNMENTS}new/",
        {
            "staff": outsider.pk,
            "pattern": earlies.pk,
            "starts_on": "2026-03-02",
            "rotation_offset_days": "0",
        },
    )
    assert response.status_code == 200
    assert not PatternAssignment.objects.exists()


def test_the_team_check_refuses_someone_who_left_the_team(desk_at, earlies):
    from django.core.exceptions import ValidationError

    from workforce.people.services import staff_move
    from workforce.scheduling.services import pattern_assignment_save

    staff_move(
        staff=desk_at["wei"],
        team=desk_at["other"],
        effective_on=D(2026, 3, 5),
        reason="Cover",
        by=desk_at["manager"],
    )
    with pytest.raises(ValidationError, match="is not in Desk early"):
        pattern_assignment_save(
            assignment=PatternAssignment(
                staff=desk_at["wei"], pattern=earlies, starts_on=D(2026, 3, 9)
            ),
            by=desk_at["lead"],
        )


def test_a_lead_may_not_touch_another_teams_assignments(client, desk_at):
    theirs = ShiftPatternFactory(team=desk_at["other"], name="Theirs")
    kelvin = StaffFactory(first_name="Kelvin", team=desk_at["other"])
    placed = PatternAssignmentFactory(staff=kelvin, pattern=theirs)
    client.force_login(desk_at["lead"])
    assert "Kelvin" not in client.get(ASSIGNMENTS).content.decode()
    assert client.get(f"{ASSIGNMENTS}edit/{placed.pk}/").status_code == 403
    assert client.post(f"{ASSIGNMENTS}delete/{placed.pk}/").status_code == 403
    assert PatternAssignment.objects.filter(pk=placed.pk).exists()


# The change log.


@pytest.fixture
def changes(desk_at):
    """Aisyah's published Friday moved to a late; a change in Desk late too."""
    desk = desk_at
    for team, person, lead in (
        (desk["team"], desk["aisyah"], desk["lead"]),
        (
            desk["other"],
            StaffFactory(first_name="Kelvin", team=desk["other"]),
            desk["other_lead"],
        ),
    ):
        desk["early"].teams.add(team)
        desk["late"].teams.add(team)
        shift_set(
            team=team,
            staff=person,
            day=D(2026, 3, 6),
            shift_type=desk["early"],
            by=lead,
        )
        plan_publish(
            team=team,
            first_day=D(2026, 3, 2),
            last_day=D(2026, 3, 8),
            by=lead,
            override_reason="One-person week",
        )
        shift_set(
            team=team,
            staff=person,
            day=D(2026, 3, 6),
            shift_type=desk["late"],
            by=lead,
            reason="=Course in the morning",
        )
    return desk


def test_a_lead_sees_their_teams_changes_only(client, changes):
    client.force_login(changes["lead"])
    response = client.get(CHANGES)
    assert "Kelvin" not in response.content.decode()  # not even as a filter
    rows = listing(response)
    assert "Nur Aisyah binti Ahmad" in rows
    assert "Fri 06 Mar Early 07:00–16:00" in rows


def test_the_change_log_filters_by_person_action_and_day(client, changes):
    client.force_login(changes["manager"])
    everyone = listing(client.get(CHANGES))
    assert "Aisyah" in everyone and "Kelvin" in everyone
    aisyah = listing(client.get(CHANGES, {"person": changes["aisyah"].pk}))
    assert "Aisyah" in aisyah and "Kelvin" not in aisyah
    desk_late = listing(client.get(CHANGES, {"team": changes["other"].pk}))
    assert "Kelvin" in desk_late and "Aisyah" not in desk_late
    assert listing(client.get(CHANGES, {"action": "cancelled"})) == ""
    assert "Aisyah" in listing(client.get(CHANGES, {"day_to": "2026-03-06"}))
    assert listing(client.get(CHANGES, {"day_from": "2026-03-07"})) == ""


def test_the_change_log_exports_local_times_and_neutralises_formulas(client, changes):
    client.force_login(changes["lead"])
    lines = csv_of(client.get(CHANGES, {"export": "csv"})).splitlines()
    assert lines[0] == (
        "Changed at,Shift day,Employee number,Name,Team,Action,Before,After,"
        "Reason,Changed by"
    )
    assert lines[1] == (
        f"2026-03-02 09:00,2026-03-06,{changes['aisyah'].employee_number},"
        "Nur Aisyah binti Ahmad,Desk early,Changed,Fri 06 Mar Early 07:00–16:00,"
        "Fri 06 Mar Late 13:00–22:00,'=Course in the morning,lead"
    )
    assert len(lines) == 2


def test_a_lead_of_another_team_or_a_collector_cannot_read_a_change(
    client, changes, user_with_role
):
    change = ShiftChange.objects.get(shift__team=changes["team"])
    client.force_login(changes["other_lead"])
    assert "Aisyah" not in client.get(CHANGES).content.decode()
    assert client.get(f"{CHANGES}edit/{change.pk}/").status_code == 403
    client.force_login(user_with_role(COLLECTOR))
    assert client.get(CHANGES).status_code == 403
