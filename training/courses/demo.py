"""Demo training: eleven courses tied to the knowledge base's SOPs, a rule
sending desk new hires to the new-hire programme, and sessions past and
future with enrolments in every state, attendance, scores, certificates
(some expiring soon, some expired) and feedback.

Past cohorts of each compliance course are spread over the last fourteen
months, so some certificates have lapsed and some fall due within weeks;
``large`` runs them over the whole floor (500 more people). Future sessions
take their people through the services, so places, the waitlist and the
notifications' rules are the app's own (no e-mail leaves: the people are
made up). Idempotent: courses match on their code, sessions on their demo
key (kept in ``notes``), the rule on its name."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from kb.models import SOPPage, SOPVersion
from workforce.people.models import Channel, Staff
from workforce.scheduling import notifications

from . import calculations as calc
from .models import (
    Assessment,
    AttendanceMark,
    Certificate,
    Course,
    Enrolment,
    EnrolmentRule,
    Feedback,
    Session,
)
from .services import enrolment_cancel, enrolment_create, session_schedule
from .services.reviews import what_changed

K = Course.Kind
# code, title, kind, validity (months), pass mark, attempts, self-enrolment,
# SOP slugs, renewed by
COURSES = [
    ("basics", "New-hire collection basics", K.NEW_HIRE, None, 70, 2, False,
     ("first-reminder-call", "days-past-due-call-cadence",
      "handling-a-promise-to-pay"), None),
    ("disclosure", "Debt-collector disclosure and right-party verification",
     K.COMPLIANCE, 12, 80, 2, False,
     ("right-party-verification", "third-party-calls"), "disclosure-refresh"),
    ("disclosure-refresh", "Disclosure and verification refresher",
     K.REFRESHER, 12, 80, 3, False, ("right-party-verification",), None),
    ("vulnerable", "Handling vulnerable customers", K.COMPLIANCE, 24, 75, 2,
     False, ("vulnerable-customers", "hardship-and-payment-holiday",
             "deceased-customer-accounts"), None),
    ("privacy", "Data privacy and customer records", K.COMPLIANCE, 12, 80, 3,
     True, ("data-privacy-and-customer-records", "call-recording-and-consent"),
     None),
    ("negotiation", "Negotiation and instalment plans", K.PRODUCT, None, 65, 2,
     True, ("setting-up-an-instalment-plan", "settlement-and-settlement-form",
            "handling-a-promise-to-pay"), None),
    ("field-safety", "Field-visit safety", K.COMPLIANCE, 12, 80, 2, False,
     ("field-visit-safety", "cash-handling-in-the-field"), None),
    ("disputes", "Disputed debts and complaints", K.PRODUCT, None, 70, 2, True,
     ("disputed-debt-handling", "complaint-escalation"), None),
    ("scam-victims", "Recognising scam victims", K.PRODUCT, None, 60, 2, True,
     ("suspected-scam-victim",), None),
    ("legal-handover", "Letters of demand and the handover to legal", K.PRODUCT,
     None, 70, 2, False,
     ("letter-of-demand", "handing-an-account-to-legal", "proof-of-debt"), None),
    ("promises", "Promises that are kept", K.PRODUCT, None, 60, 2, False,
     ("handling-a-promise-to-pay", "setting-up-an-instalment-plan"), None),
]  # fmt: skip
COMPLIANCE_COHORTS = ("disclosure", "privacy", "vulnerable", "field-safety")
# People a past cohort: small enough that the small demo has six cohorts
# of each compliance course spread over the months.
COHORT = {"small": 6, "large": 20}
# Cohorts of a compliance course fall over this many days before today, so
# the oldest certificates (12 months) have lapsed and the next fall due.
COHORT_SPREAD_DAYS = 420
FUTURE = [
    # course, days ahead, places, dates, online
    ("basics", 10, 12, 3, False),
    ("disclosure-refresh", 12, 4, 1, False),
    ("privacy", 20, 15, 1, True),
    ("negotiation", 6, 3, 2, False),
    ("scam-victims", 25, 20, 1, True),
    ("field-safety", 30, 10, 1, False),
]
# One cohort of *Promises that are kept* this many days ago, every other
# collector of the floor, all passing: the call log's demo lets them win and
# keep more promises afterwards, so the course report's levels 3 and 4 have
# an effect to show against those not yet trained.
EFFECT_COURSE, EFFECT_DAYS_AGO, EFFECT_PEOPLE = "promises", 45, 16
RULE = "Desk new hires go to the next new-hire programme"
COMMENTS = (
    "The role-plays helped most.",
    "Clear, and the SOP links are handy.",
    "A bit long in the afternoon.",
    "More examples from real calls, please.",
    "Good pace.",
    "",
)


def seed_training(*, size: str = "small", log=print) -> None:
    today = timezone.localdate()
    trainer = _trainer()
    courses = _courses(trainer)
    _rule(courses["basics"])
    people = list(
        Staff.objects.employed()
        .filter(
            job_title__in=[
                Staff.JobTitle.DESK_COLLECTOR,
                Staff.JobTitle.FIELD_COLLECTOR,
            ]
        )
        .order_by("employee_number")
    )
    if size != "large":
        people = people[:36]
    field = [p for p in people if p.job_title == Staff.JobTitle.FIELD_COLLECTOR]
    with notifications.quiet():
        for code in COMPLIANCE_COHORTS:
            cohort_people = field if code == "field-safety" else people
            _past_cohorts(courses[code], trainer, cohort_people, today, COHORT[size])
        _past_cohorts(
            courses["negotiation"],
            trainer,
            people[:24],
            today,
            COHORT[size],
            spread=150,
        )
        _recent_session(courses["basics"], trainer, people[-6:], today)
        _effect_session(courses[EFFECT_COURSE], trainer, people, today)
        _future_sessions(courses, trainer, people, today)
    _flag_from_revised_sop(courses)
    log(
        f"  training: {Course.objects.count()} courses, "
        f"{Session.objects.count()} sessions, {Enrolment.objects.count()} enrolments, "
        f"{Certificate.objects.count()} certificates "
        f"({Certificate.objects.filter(expires_on__lt=today).count()} expired)"
    )


def _trainer() -> Staff:
    user = get_user_model().objects.filter(username="trainer").first()
    staff = Staff.objects.filter(user=user).first() if user else None
    return staff or Staff.objects.filter(job_title=Staff.JobTitle.TRAINER).first()


def _courses(trainer) -> dict[str, Course]:
    existing = {c.code: c for c in Course.objects.all()}
    sops = {p.slug: p for p in SOPPage.objects.all()}
    for code, title, kind, months, mark, attempts, open_, slugs, _ in COURSES:
        if code in existing:
            continue
        course = Course.objects.create(
            code=code,
            title=title,
            kind=kind,
            validity_months=months,
            pass_mark=mark,
            max_attempts=attempts,
            open_for_self_enrolment=open_,
            owner=trainer,
            duration_hours=Decimal("7") if kind != K.NEW_HIRE else Decimal("21"),
            description=f"{title}: what the SOPs ask, why, and practice on the phones.",
            objectives="\n".join(
                f"Follow “{sops[s].title}” unaided" for s in slugs if s in sops
            ),
        )
        course.sops.set([sops[s] for s in slugs if s in sops])
        existing[code] = course
    for code, *_, renewed_by in COURSES:
        course = existing[code]
        if renewed_by and course.refresher_course_id is None:
            course.refresher_course = existing[renewed_by]
            course.save(update_fields=["refresher_course"])
    return existing


def _rule(course) -> None:
    EnrolmentRule.objects.get_or_create(
        name=RULE, defaults={"course": course, "channel": Channel.DESK}
    )


def _dates(day: datetime.date, count: int):
    zone = timezone.get_default_timezone()
    days, current = [], day
    while len(days) < count:
        if current.weekday() < 5:
            days.append(current)
        current += datetime.timedelta(days=1)
    return [
        (
            datetime.datetime.combine(d, datetime.time(9), zone),
            datetime.datetime.combine(d, datetime.time(17), zone),
        )
        for d in days
    ]


def _session(
    course, trainer, key, day, *, places, dates=1, online=False, confirmed=True
):
    """The demo session ``key``, scheduled once."""
    found = Session.objects.filter(course=course, notes=key).first()
    if found:
        return found, False
    session = session_schedule(
        course=course,
        trainer=trainer,
        capacity=places,
        room="" if online else "Training room, level 3",
        online_link="https://meet.example.com/training" if online else "",
        dates=_dates(day, dates),
        confirmed=confirmed,
        notes=key,
        by=None,
    )
    return session, True


def _past_cohorts(course, trainer, people, today, size, spread=COHORT_SPREAD_DAYS):
    """Cohorts of ``size`` people, each a finished session spread over the
    last ``spread`` days, with their results written in bulk."""
    cohorts = [people[i : i + size] for i in range(0, len(people), size)]
    for index, cohort in enumerate(cohorts):
        days_ago = 14 + (spread - 14) * (len(cohorts) - index) // max(len(cohorts), 1)
        session, new = _session(
            course,
            trainer,
            f"demo:{course.code}:past:{index}",
            today - datetime.timedelta(days=days_ago),
            places=max(len(cohort), 1),
        )
        if new:
            _results(session, cohort, rng=random.Random(f"{course.code}:{index}"))  # noqa: S311


def _effect_session(course, trainer, people, today):
    """The cohort whose calls change after the course (``EFFECT_DAYS_AGO``)."""
    session, new = _session(
        course,
        trainer,
        f"demo:{course.code}:effect",
        today - datetime.timedelta(days=EFFECT_DAYS_AGO),
        places=EFFECT_PEOPLE,
        dates=2,
    )
    if new:
        cohort = people[::2][:EFFECT_PEOPLE]
        rng = random.Random("effect")  # noqa: S311 — demo data
        _results(session, cohort, rng=rng, everyone_passes=True)


def _results(session, people, *, rng, post_scores=True, everyone_passes=False):
    """Everyone present on every date (one in ten absent), scores before and
    after, pass or fail by the pass mark, certificates and feedback; or, for
    ``everyone_passes``, all present and over the pass mark."""
    course = session.course
    dates = list(session.dates.all())
    last_day = timezone.localtime(dates[-1].end).date()
    enrolments = []
    plans = []
    for person in people:
        absent = rng.random() < 0.1 and not everyone_passes
        pre = Decimal(rng.randrange(30, 75))
        post = min(Decimal(100), pre + Decimal(rng.randrange(-5, 40)))
        if everyone_passes:
            post = max(post, Decimal(course.pass_mark + rng.randrange(0, 20)))
        if absent:
            state = Enrolment.State.NO_SHOW
        elif not post_scores:
            state = Enrolment.State.ATTENDED
        else:
            state = calc.outcome(post, course.pass_mark)
        enrolments.append(
            Enrolment(
                session=session,
                staff=person,
                state=state,
                source=Enrolment.Source.ASSIGNED,
            )
        )
        plans.append((absent, pre, post))
    Enrolment.objects.bulk_create(enrolments)
    marks, scores, certificates, feedback = [], [], [], []
    for enrolment, (absent, pre, post) in zip(enrolments, plans, strict=True):
        marks += [
            AttendanceMark(enrolment=enrolment, session_date=d, present=not absent)
            for d in dates
        ]
        scores.append(Assessment(enrolment=enrolment, kind="pre", score=pre))
        if absent or not post_scores:
            continue
        scores.append(Assessment(enrolment=enrolment, kind="post", score=post))
        if enrolment.state == Enrolment.State.PASSED:
            certificates.append(
                Certificate(
                    number=calc.certificate_number(last_day, choose=rng.choice),
                    enrolment=enrolment,
                    staff_id=enrolment.staff_id,
                    course=course,
                    issued_on=last_day,
                    expires_on=calc.certificate_expiry(
                        last_day, course.validity_months
                    ),
                )
            )
        if rng.random() < 0.7:
            feedback.append(
                Feedback(
                    enrolment=enrolment,
                    rating=rng.choice((3, 4, 4, 5, 5, 2)),
                    comment=rng.choice(COMMENTS),
                )
            )
    AttendanceMark.objects.bulk_create(marks)
    Assessment.objects.bulk_create(scores)
    Certificate.objects.bulk_create(certificates)
    Feedback.objects.bulk_create(feedback)


def _recent_session(course, trainer, people, today):
    """A session that ended days ago: attended, the post-course scores still
    to enter. Left planned, not confirmed: attendance's demo clocks these
    weeks before training is seeded, and a confirmed session would change
    who it expects on a second run."""
    session, new = _session(
        course,
        trainer,
        "demo:basics:recent",
        today - datetime.timedelta(days=3),
        places=len(people) or 1,
        dates=2,
        confirmed=False,
    )
    if new:
        rng = random.Random("recent")  # noqa: S311 — demo data
        _results(session, people, rng=rng, post_scores=False)


def _future_sessions(courses, trainer, people, today):
    """Upcoming sessions filled through the services: places, a waitlist,
    one place cancelled."""
    rng = random.Random("future")  # noqa: S311
    for code, ahead, places, dates, online in FUTURE:
        session, new = _session(
            courses[code],
            trainer,
            f"demo:{code}:next",
            today + datetime.timedelta(days=ahead),
            places=places,
            dates=dates,
            online=online,
        )
        if not new:
            continue
        wanted = min(places + 2, len(people))
        for person in rng.sample(people, wanted):
            try:
                enrolment_create(session=session, staff=person)
            except ValidationError:
                continue  # already on another session of the course
        first = session.enrolments.filter(state="enrolled").first()
        if code == "negotiation" and first:
            enrolment_cancel(
                enrolment=first, by=None, reason="Swapped to a later date."
            )


def _flag_from_revised_sop(courses) -> None:
    """The knowledge base's demo revises an SOP before courses exist: flag
    the courses teaching it as its signal would have."""
    for course in Course.objects.filter(
        Q(review_flagged_at__isnull=True), sops__versions__number__gte=2
    ).distinct():
        for sop in course.sops.filter(versions__number__gte=2).distinct():
            versions = list(SOPVersion.objects.filter(page=sop).order_by("-number")[:2])
            if len(versions) < 2 or not versions[0].requires_acknowledgement:
                continue
            course.review_flagged_at = timezone.now()
            course.review_note = (
                f"{versions[0].title}, revision {versions[0].number} asks for "
                f"acknowledgement.\n" + what_changed(versions[1].body, versions[0].body)
            )
            course.save(update_fields=["review_flagged_at", "review_note"])
            break
