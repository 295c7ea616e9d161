"""The training back office: each page open to its roles and refused
(exactly 403) to the others; listings scoped to the viewer; the session
page's results form and upload; the public certificate check."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deskbook.core.roles import COLLECTOR
from tests.courses.conftest import MON
from tests.courses.factories import sitting
from training.courses.models import Certificate, Enrolment
from training.courses.services import enrolment_create, session_schedule

COURSES = "/admin/training/courses/"
SESSIONS = "/admin/training/sessions/"
ENROLMENTS = "/admin/training/enrolments/"
CERTIFICATES = "/admin/training/certificates/"
MY_TRAINING = "/admin/my-training/"


def listing(response) -> str:
    html = response.content.decode()
    if '<table class="listing' not in html:
        return ""
    return html.split('<table class="listing', 1)[1].split("</tbody>", 1)[0]


@pytest.fixture
def places(training):
    by = training["trainer_user"]
    return {
        **training,
        "aisyah_e": enrolment_create(
            session=training["session"], staff=training["aisyah"], by=by
        ),
        "dewi_e": enrolment_create(
            session=training["session"], staff=training["dewi"], by=by
        ),
    }


def session_url(training, suffix=""):
    return reverse("courses_sessions:detail", args=[training["session"].pk]) + suffix


@pytest.mark.parametrize("url", [SESSIONS, ENROLMENTS, CERTIFICATES])
def test_a_collector_is_refused_every_training_listing(client, training, url):
    client.force_login(training["aisyah_user"])
    assert client.get(url).status_code == 403


def test_a_collector_is_refused_course_editing(client, training):
    client.force_login(training["aisyah_user"])
    assert client.get(COURSES).status_code == 403
    assert client.get(COURSES + "new/").status_code == 403


def test_signed_out_visitors_go_to_the_sign_in(client, training):
    response = client.get(ENROLMENTS)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.parametrize("url", [COURSES, SESSIONS, ENROLMENTS, CERTIFICATES])
def test_trainers_leads_and_managers_open_the_listings(client, training, url):
    for who in ("trainer_user", "lead", "manager"):
        client.force_login(training[who])
        assert client.get(url).status_code == 200, who


def test_a_lead_sees_their_teams_enrolments_only(client, places):
    client.force_login(places["lead"])
    rows = listing(client.get(ENROLMENTS))
    assert "binti Ahmad" in rows and "Santoso" not in rows
    client.force_login(places["other_lead"])
    rows = listing(client.get(ENROLMENTS))
    assert "binti Ahmad" not in rows and "Santoso" in rows


def test_a_trainer_sees_their_courses_people_only(client, places, user_with_role):
    from deskbook.core.roles import TRAINER
    from tests.workforce.factories import StaffFactory

    client.force_login(places["trainer_user"])
    rows = listing(client.get(ENROLMENTS))
    assert "binti Ahmad" in rows and "Santoso" in rows
    stranger = user_with_role(TRAINER, username="other-trainer")
    StaffFactory(user=stranger, job_title="trainer")
    client.force_login(stranger)
    assert listing(client.get(ENROLMENTS)) == "" or "binti Ahmad" not in listing(
        client.get(ENROLMENTS)
    )


def test_the_session_page_is_refused_to_a_collector_and_a_stranger_trainer(
    client, places, user_with_role
):
    from deskbook.core.roles import TRAINER

    client.force_login(places["aisyah_user"])
    assert client.get(session_url(places)).status_code == 403
    client.force_login(user_with_role(TRAINER, username="other-trainer"))
    assert client.get(session_url(places)).status_code == 403


def test_a_lead_sees_only_their_people_on_the_session_page_and_cannot_mark(
    client, places
):
    client.force_login(places["lead"])
    response = client.get(session_url(places))
    assert response.status_code == 200
    html = response.content.decode()
    assert "binti Ahmad" in html and "Santoso" not in html
    assert "data-save-results" not in html
    assert client.post(session_url(places), {}).status_code == 403


def test_the_trainer_marks_attendance_and_scores_and_a_certificate_is_issued(
    client, places, frozen_time
):
    frozen_time("2026-03-10 18:00")
    session = places["session"]
    first, second = session.dates.all()
    a, d = places["aisyah_e"].pk, places["dewi_e"].pk
    client.force_login(places["trainer_user"])
    response = client.post(
        session_url(places),
        {
            f"mark-{a}-{first.pk}": "present",
            f"mark-{a}-{second.pk}": "present",
            f"mark-{d}-{first.pk}": "present",
            f"mark-{d}-{second.pk}": "absent",
            f"pre-{a}": "50",
            f"post-{a}": "85",
        },
    )
    assert response.status_code == 302
    states = dict(Enrolment.objects.values_list("staff__last_name", "state"))
    assert states == {"binti Ahmad": "passed", "Santoso": "no_show"}
    number = Certificate.objects.get().number
    page = client.get(session_url(places)).content.decode()
    assert number in page


def test_a_bad_score_on_the_form_saves_nothing(client, places, frozen_time):
    frozen_time("2026-03-10 18:00")
    first, _ = places["session"].dates.all()
    a = places["aisyah_e"].pk
    client.force_login(places["trainer_user"])
    response = client.post(
        session_url(places),
        {f"mark-{a}-{first.pk}": "present", f"post-{a}": "85"},
    )
    assert response.status_code == 200
    assert "mark attendance on every date" in response.content.decode()
    assert not places["aisyah_e"].marks.exists()


def results_file(rows: str) -> SimpleUploadedFile:
    header = (
        "employee_number,present_2026-03-09,present_2026-03-10,pre_score,post_score\n"
    )
    return SimpleUploadedFile("results.csv", (header + rows).encode(), "text/csv")


def test_a_results_upload_is_all_or_nothing_with_a_row_report(
    client, places, frozen_time
):
    frozen_time("2026-03-10 18:00")
    aisyah, dewi = places["aisyah"].employee_number, places["dewi"].employee_number
    client.force_login(places["trainer_user"])
    upload = session_url(places, "upload/")

    refused = client.post(
        upload,
        {
            "spreadsheet": results_file(
                f"{aisyah},yes,yes,40,90\n{dewi},yes,maybe,30,x\nZ999,yes,yes,,\n"
            )
        },
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "row 3, column present_2026-03-10: not yes or no: &#x27;maybe&#x27;" in html
    assert "row 3, column post_score: not a score: &#x27;x&#x27;" in html
    assert "row 4, column employee_number: Z999 holds no place on this session" in html
    assert not Certificate.objects.exists()

    done = client.post(
        upload,
        {"spreadsheet": results_file(f"{aisyah},yes,yes,40,90\n{dewi},yes,no,30,\n")},
    )
    assert done.status_code == 302, listing(done) or done.content.decode()[-3000:]
    states = dict(Enrolment.objects.values_list("staff__last_name", "state"))
    assert states == {"binti Ahmad": "passed", "Santoso": "no_show"}


def test_the_upload_is_refused_to_a_lead(client, places):
    client.force_login(places["lead"])
    assert client.get(session_url(places, "upload/")).status_code == 403


def test_scheduling_a_session_puts_its_dates_on_the_training_calendar(client, training):
    from schedule.models import Event

    client.force_login(training["trainer_user"])
    response = client.post(
        reverse("courses_sessions:schedule"),
        {
            "course": training["course"].pk,
            "trainer": training["trainer"].pk,
            "capacity": "8",
            "room": "Room 3",
            "dates": "2026-03-23 09:00-12:00\n2026-03-24 09:00-12:00",
        },
    )
    assert response.status_code == 302
    titles = list(
        Event.objects.filter(calendar__slug="training").values_list("start", flat=True)
    )
    assert len(titles) == 4  # the fixture's two dates and these two


def test_a_bad_date_line_is_named(client, training):
    client.force_login(training["trainer_user"])
    response = client.post(
        reverse("courses_sessions:schedule"),
        {
            "course": training["course"].pk,
            "trainer": training["trainer"].pk,
            "capacity": "8",
            "room": "Room 3",
            "dates": "2026-03-23 09:00-12:00\n31/03/2026 9-5",
        },
    )
    assert response.status_code == 200
    assert (
        "Line 2: &#x27;31/03/2026 9-5&#x27; is not a date" in response.content.decode()
    )


def test_a_collector_cannot_schedule(client, training):
    client.force_login(training["aisyah_user"])
    assert client.get(reverse("courses_sessions:schedule")).status_code == 403


def test_my_training_self_enrolment_and_feedback(client, training):
    training["course"].open_for_self_enrolment = True
    training["course"].save()
    client.force_login(training["aisyah_user"])
    page = client.get(MY_TRAINING).content.decode()
    assert "Disclosure and verification" in page and "2 places left" in page
    response = client.post(reverse("my_training:enrol", args=[training["session"].pk]))
    assert response.status_code == 302
    assert Enrolment.objects.get(staff=training["aisyah"]).source == "self"


def test_my_training_is_refused_without_a_staff_record(client, user_with_role):
    client.force_login(user_with_role(COLLECTOR, username="nobody"))
    assert client.get(MY_TRAINING).status_code == 403


def test_nobody_cancels_someone_elses_place_from_my_training(client, places):
    client.force_login(places["wei_user"])
    response = client.post(reverse("my_training:cancel", args=[places["aisyah_e"].pk]))
    assert response.status_code == 404


@pytest.fixture
def certified(places, frozen_time):
    from training.courses.services import session_results_record

    frozen_time("2026-03-10 18:00")
    a = places["aisyah_e"]
    first, second = places["session"].dates.all()
    session_results_record(
        session=places["session"],
        marks={(a.pk, first.pk): True, (a.pk, second.pk): True},
        scores={(a.pk, "post"): 90},
        by=places["trainer_user"],
    )
    return {**places, "certificate": Certificate.objects.get()}


def test_the_printable_certificate_is_the_holders_and_refused_to_others(
    client, certified
):
    url = reverse("courses_certificate_print", args=[certified["certificate"].number])
    client.force_login(certified["aisyah_user"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Valid until 10 March 2027" in page.content.decode()
    client.force_login(certified["wei_user"])
    assert client.get(url).status_code == 404
    client.force_login(certified["other_lead"])
    assert client.get(url).status_code == 404


def test_the_public_check_shows_course_holder_and_validity_only(
    client, certified, site_tree
):
    number = certified["certificate"].number
    response = client.get("/certificates/verify/", {"number": number.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-course>Disclosure and verification<" in html
    assert "data-holder>Nur Aisyah binti Ahmad<" in html
    assert "Valid until 10 March 2027" in html
    # Nothing else about the person or the course.
    for private in (
        certified["aisyah"].employee_number,
        "Farid",
        "Training room",
        "90",
        "Desk early",
        "aisyah@example.com",
    ):
        assert private not in html.split("data-verify-form")[1], private
    assert response["Cache-Control"] == "no-store"


def test_the_public_check_of_an_unknown_or_expired_number(
    client, certified, frozen_time, site_tree
):
    missing = client.get("/certificates/verify/", {"number": "2026-AAAA-BBBB"})
    assert "No certificate has the number 2026-AAAA-BBBB" in missing.content.decode()
    frozen_time("2027-03-11 09:00")
    expired = client.get(
        "/certificates/verify/", {"number": certified["certificate"].number}
    )
    assert "Not valid: expired on 10 March 2027" in expired.content.decode()


def test_listings_take_as_many_queries_at_two_sizes(
    client, training, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.workforce.factories import StaffFactory

    client.force_login(training["manager"])

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def grow(n):
        session = session_schedule(
            course=training["course"],
            trainer=training["trainer"],
            capacity=50,
            room="Room",
            dates=[sitting(MON + datetime.timedelta(days=7 + n))],
            by=training["trainer_user"],
        )
        for _ in range(5):
            enrolment_create(
                session=session,
                staff=StaffFactory(team=training["team"]),
                by=training["manager"],
            )

    grow(0)
    urls = [COURSES, SESSIONS, ENROLMENTS, CERTIFICATES, session_url(training)]
    small = [count(url) for url in urls]
    for n in range(1, 4):
        grow(n)
    assert [count(url) for url in urls] == small


def test_enrolling_someone_with_a_clashing_shift_warns_whoever_enrols(
    client, training, publish
):
    publish([(training["aisyah"], MON, training["early"])])
    client.force_login(training["lead"])
    response = client.post(
        reverse("courses_sessions:enrol", args=[training["session"].pk]),
        {"staff": training["aisyah"].pk},
        follow=True,
    )
    html = response.content.decode()
    assert "has published shifts at the session&#x27;s times: Mon 09 Mar Early" in html
    assert Enrolment.objects.get(staff=training["aisyah"]).state == "enrolled"
