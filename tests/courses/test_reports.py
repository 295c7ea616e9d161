"""Reports, the due list and the dashboard panels: who may open them, what
they count, and flat query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.courses.factories import sitting
from tests.workforce.factories import StaffFactory
from training.courses.hooks import COURSE_EFFECTIVENESS, EffectivenessLevel
from training.courses.models import Enrolment
from training.courses.selectors.reports import completion, course_effectiveness
from training.courses.services import (
    enrolment_create,
    feedback_give,
    session_results_record,
    session_schedule,
)

REPORTS = "/admin/training/reports/"
DUE = "/admin/training/refreshers-due/"
D = datetime.date


@pytest.fixture
def finished(training, frozen_time):
    """Aisyah passes (50 → 80) and Wei fails (60 → 55) the Monday–Tuesday
    session; Dewi (Desk late) passes (40 → 90). Aisyah rates it 4, Dewi 5."""
    by = training["trainer_user"]
    training["session"].capacity = 3
    training["session"].save()
    people = ("aisyah", "wei", "dewi")
    enrolments = {
        p: enrolment_create(session=training["session"], staff=training[p], by=by)
        for p in people
    }
    frozen_time("2026-03-10 18:00")
    dates = list(training["session"].dates.all())
    scores = {"aisyah": (50, 80), "wei": (60, 55), "dewi": (40, 90)}
    session_results_record(
        session=training["session"],
        marks={(e.pk, d.pk): True for e in enrolments.values() for d in dates},
        scores={
            **{(enrolments[p].pk, "pre"): Decimal(scores[p][0]) for p in people},
            **{(enrolments[p].pk, "post"): Decimal(scores[p][1]) for p in people},
        },
        by=by,
    )
    for p, rating in (("aisyah", 4), ("dewi", 5)):
        enrolment = Enrolment.objects.get(pk=enrolments[p].pk)
        feedback_give(
            enrolment=enrolment,
            rating=rating,
            comment=f"{p} liked it",
            by=training[f"{p}_user"],
        )
    return training


def test_completion_by_team_and_course_on_the_sessions_first_day(finished):
    lines = completion(
        viewer=finished["manager"], first_day=D(2026, 1, 1), last_day=D(2026, 12, 31)
    )
    assert [(x.team, x.course, x.assigned, x.passed, x.rate) for x in lines] == [
        ("Desk early", "Disclosure and verification", 2, 1, 0.5),
        ("Desk late", "Disclosure and verification", 1, 1, 1.0),
    ]
    mine = completion(
        viewer=finished["lead"], first_day=D(2026, 1, 1), last_day=D(2026, 12, 31)
    )
    assert [(x.team, x.assigned) for x in mine] == [("Desk early", 2)]


def test_effectiveness_levels_one_and_two_by_hand(finished):
    found = course_effectiveness(
        viewer=finished["manager"],
        course=finished["course"],
        first_day=D(2026, 1, 1),
        last_day=D(2026, 12, 31),
    )
    assert (found.rating, found.ratings[4], found.ratings[5]) == (4.5, 1, 1)
    # Gains 30, -5, 50: mean 25, median 30.
    assert (found.learning.count, found.learning.mean_gain) == (3, 25)
    assert found.learning.median_gain == 30
    assert found.trained == 2
    # Levels 3 and 4 come from whoever answers the hook (tests/kpis).


def test_the_report_says_no_qa_data_until_a_level_answers(
    client, finished, monkeypatch
):
    from wagtail import hooks

    monkeypatch.setitem(hooks._hooks, COURSE_EFFECTIVENESS, [])
    url = reverse("courses_reports:effectiveness", args=[finished["course"].pk])
    client.force_login(finished["trainer_user"])
    page = client.get(url).content.decode()
    assert "No QA data yet" in page
    assert "data-gain>+25.0<" in page


def test_levels_three_and_four_slot_in_through_the_hook(client, finished):
    from wagtail import hooks

    def qa_answer(*, course, trained_staff_ids, first_day, last_day, viewer):
        return [
            EffectivenessLevel(
                3, "Behaviour", (("Disclosure given", "80%", "95%", "78%", "79%"),)
            )
        ]

    with hooks.register_temporarily(COURSE_EFFECTIVENESS, qa_answer):
        client.force_login(finished["manager"])
        page = client.get(
            reverse("courses_reports:effectiveness", args=[finished["course"].pk])
        ).content.decode()
    assert "No QA data yet" not in page
    assert "Disclosure given" in page and "95%" in page


def test_reports_and_due_list_are_refused_to_a_collector(client, finished):
    client.force_login(finished["aisyah_user"])
    for url in (
        REPORTS,
        DUE,
        reverse("courses_reports:effectiveness", args=[finished["course"].pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_the_completion_report_has_a_chart_and_exports(client, finished):
    client.force_login(finished["manager"])
    page = client.get(REPORTS, {"first_day": "2026-01-01", "last_day": "2026-12-31"})
    html = page.content.decode()
    assert "<svg" in html and "data-bar" in html
    csv = client.get(
        REPORTS, {"first_day": "2026-01-01", "last_day": "2026-12-31", "export": "csv"}
    )
    body = (
        b"".join(csv.streaming_content).decode()
        if csv.streaming
        else csv.content.decode()
    )
    assert "Desk early,Disclosure and verification,2,1,1,0,0.5" in body


def test_the_due_list_page_filters_and_is_scoped(client, finished, frozen_time):
    frozen_time("2027-02-20 09:00")
    client.force_login(finished["lead"])
    html = client.get(DUE, {"within": "30"}).content.decode()
    assert "binti Ahmad" in html and "Santoso" not in html
    html = client.get(DUE, {"within": "10"}).content.decode()
    assert "Nobody is due." in html


def test_the_trainer_panel_shows_demand_marking_and_flags(
    client, training, frozen_time
):
    enrolment_create(
        session=training["session"],
        staff=training["aisyah"],
        by=training["trainer_user"],
    )
    frozen_time("2026-03-09 12:00")
    client.force_login(training["trainer_user"])
    html = client.get("/admin/").content.decode()
    assert 'data-panel="trainer"' in html
    assert "data-to-mark" in html
    client.force_login(training["wei_user"])
    html = client.get("/admin/").content.decode()
    assert 'data-panel="trainer"' not in html
    assert 'data-panel="my-training"' in html


def test_the_collector_panel_shows_current_certificates(client, finished):
    client.force_login(finished["aisyah_user"])
    html = client.get("/admin/").content.decode()
    assert "data-current" in html and "Disclosure and verification" in html


def test_report_pages_take_as_many_queries_at_two_sizes(client, finished):
    client.force_login(finished["manager"])
    urls = [
        REPORTS,
        DUE + "?within=400",
        reverse("courses_reports:effectiveness", args=[finished["course"].pk]),
        "/admin/",
    ]

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    # A first request fills the process's one-off caches; count from the second.
    for url in urls:
        client.get(url)
    small = [count(url) for url in urls]
    for week in range(1, 4):
        session = session_schedule(
            course=finished["course"],
            trainer=finished["trainer"],
            capacity=10,
            room="Room",
            dates=[sitting(D(2026, 3, 10) + datetime.timedelta(days=7 * week))],
            by=finished["trainer_user"],
        )
        for _ in range(4):
            enrolment_create(
                session=session,
                staff=StaffFactory(team=finished["team"]),
                by=finished["manager"],
            )
    assert [count(url) for url in urls] == small
