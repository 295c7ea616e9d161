"""Training against the shift plan: clashes, and confirmed sessions in the
plan and in attendance through ``scheduling_absences``."""

import datetime

from tests.courses.conftest import MON
from training.courses.selectors.plan import session_clashes
from training.courses.services import enrolment_create, session_confirm
from workforce.scheduling.hooks import absences


def test_a_published_shift_overlapping_a_date_is_a_clash(training, publish):
    publish(
        [
            (training["aisyah"], MON, training["early"]),
            (training["wei"], MON - datetime.timedelta(days=1), training["early"]),
        ]
    )
    clashes = session_clashes(
        training["session"], [training["aisyah"].pk, training["wei"].pk]
    )
    assert list(clashes) == [training["aisyah"].pk]
    assert clashes[training["aisyah"].pk][0].startswith("Mon 09 Mar Early")


def test_clash_detection_takes_two_queries_for_any_number_of_people(
    training, publish, django_assert_num_queries
):
    publish([(training["aisyah"], MON, training["early"])])
    with django_assert_num_queries(2):
        session_clashes(training["session"], [training["aisyah"].pk])
    with django_assert_num_queries(2):
        session_clashes(
            training["session"],
            [training[p].pk for p in ("aisyah", "wei", "kelvin", "dewi")],
        )


def test_a_confirmed_session_shows_in_the_plan_and_is_excused(training):
    enrolment_create(
        session=training["session"],
        staff=training["aisyah"],
        by=training["trainer_user"],
    )
    ids = [training["aisyah"].pk]
    assert [a for a in absences(ids, MON, MON) if a.kind == "training"] == []

    session_confirm(session=training["session"], by=training["trainer_user"])

    found = list(absences(ids, MON, MON + datetime.timedelta(days=1)))
    training_days = [a for a in found if a.kind == "training"]
    assert [(a.label, a.refuses, a.pending) for a in training_days] == [
        ("Training: Disclosure and verification", False, False)
    ] * 2
    assert training_days[0].start == training["session"].dates.first().start
