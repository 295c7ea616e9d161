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


def test_a_persons_sessions_join_their_calendar_feed_and_a_cancelled_place_is_struck(
    client, training
):
    import icalendar

    from training.courses.services import enrolment_cancel
    from workforce.scheduling.calendar_feeds import calendar_feed_renew

    enrolment = enrolment_create(
        session=training["session"],
        staff=training["aisyah"],
        by=training["trainer_user"],
    )
    feed = calendar_feed_renew(staff=training["aisyah"], by=training["aisyah_user"])
    url = f"/calendar/shifts/{feed.token}.ics"

    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    training_events = sorted(uid for uid in found if uid.startswith("training-"))
    assert len(training_events) == 2
    first = found[training_events[0]]
    assert str(first["SUMMARY"]) == "Training: Disclosure and verification"
    assert str(first["LOCATION"]) == "Training room 1"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert first.decoded("DTSTART").hour == 9

    enrolment_cancel(enrolment=enrolment, by=training["aisyah_user"])
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    again = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    struck = again[training_events[0]]
    assert str(struck["STATUS"]) == "CANCELLED"
    assert struck["SEQUENCE"] > first["SEQUENCE"]

    # Wei's feed holds none of Aisyah's training.
    wei_feed = calendar_feed_renew(staff=training["wei"], by=training["wei_user"])
    wei = icalendar.Calendar.from_ical(
        client.get(f"/calendar/shifts/{wei_feed.token}.ics").content
    )
    assert not [e for e in wei.walk("VEVENT") if str(e["UID"]).startswith("training-")]


def test_someone_elses_no_show_leaves_a_persons_feed_as_it_is(
    client, training, frozen_time
):
    from training.courses.selectors.plan import feed_events

    by = training["trainer_user"]
    enrolment_create(session=training["session"], staff=training["aisyah"], by=by)
    wei = enrolment_create(session=training["session"], staff=training["wei"], by=by)
    wei.state = "no_show"
    wei.save()
    events = feed_events(training["aisyah"], MON - datetime.timedelta(days=7))
    assert [e.summary for e in events] == ["Training: Disclosure and verification"] * 2
    assert feed_events(training["wei"], MON - datetime.timedelta(days=7)) == []
