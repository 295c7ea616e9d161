"""The training reports: completion by team and course, overdue
refreshers, and a course's effectiveness (Kirkpatrick levels 1 and 2 here;
3 and 4 from whoever answers ``COURSE_EFFECTIVENESS``). Each takes the
viewer and a fixed number of queries, however many rows."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from workforce.people.models import TeamMembership

from .. import calculations as calc
from ..hooks import EffectivenessLevel, effectiveness_levels
from ..models import Assessment, Course, Enrolment, Feedback
from .listings import certificates_visible_to, enrolments_visible_to
from .refreshers import due_certificates

NO_TEAM = "No team"


@dataclass(frozen=True)
class CompletionLine:
    team: str
    course: str
    assigned: int
    passed: int
    failed: int
    no_show: int

    @property
    def rate(self) -> float | None:
        return calc.completion_rate(self.passed, self.assigned)


def _team_on_first_day():
    return Subquery(
        TeamMembership.objects.filter(
            staff=OuterRef("staff"), valid_from__lte=OuterRef("session__first_day")
        )
        .filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("session__first_day"))
        )
        .order_by("-valid_from")
        .values("team__name")[:1]
    )


def completion(
    *, viewer, first_day: datetime.date, last_day: datetime.date, course=None, team=None
) -> list[CompletionLine]:
    """People placed on sessions starting from ``first_day`` to ``last_day``
    (whatever became of them, cancellations aside), by the team they were
    in on the session's first day and the course, with how many passed,
    failed or did not attend. One query."""
    enrolments = enrolments_visible_to(viewer).filter(
        session__first_day__gte=first_day,
        session__first_day__lte=last_day,
        state__in=Enrolment.PLACE_HOLDING,
    )
    if course is not None:
        enrolments = enrolments.filter(session__course=course)
    rows = (
        enrolments.annotate(team_name=_team_on_first_day())
        .values("team_name", "session__course__title")
        .annotate(
            assigned=Count("pk"),
            passed=Count("pk", filter=Q(state=Enrolment.State.PASSED)),
            failed=Count("pk", filter=Q(state=Enrolment.State.FAILED)),
            no_show=Count("pk", filter=Q(state=Enrolment.State.NO_SHOW)),
        )
        .order_by("team_name", "session__course__title")
    )
    lines = [
        CompletionLine(
            team=row["team_name"] or NO_TEAM,
            course=row["session__course__title"],
            assigned=row["assigned"],
            passed=row["passed"],
            failed=row["failed"],
            no_show=row["no_show"],
        )
        for row in rows
    ]
    if team is not None:
        lines = [line for line in lines if line.team == team.name]
    return lines


def by_course(lines: list[CompletionLine]) -> list[CompletionLine]:
    """The same lines summed over teams."""
    totals: dict[str, Counter] = {}
    for line in lines:
        total = totals.setdefault(line.course, Counter())
        total.update(
            assigned=line.assigned,
            passed=line.passed,
            failed=line.failed,
            no_show=line.no_show,
        )
    return [
        CompletionLine(team="", course=course, **dict(total))
        for course, total in sorted(totals.items())
    ]


def overdue_refreshers(*, viewer, today: datetime.date):
    """Each person's newest certificate that expired before ``today``,
    whether or not a refresher is booked, visible to ``viewer``."""
    return due_certificates(today=today, within_days=-1).filter(
        pk__in=certificates_visible_to(viewer).values("pk")
    )


@dataclass(frozen=True)
class Effectiveness:
    course: Course
    trained: int
    rating: float | None
    ratings: dict[int, int]
    comments: list[str]
    learning: calc.GainSummary
    levels: list[EffectivenessLevel]


def course_effectiveness(
    *, viewer, course: Course, first_day: datetime.date, last_day: datetime.date
) -> Effectiveness:
    """Kirkpatrick's four levels for ``course`` over sessions starting from
    ``first_day`` to ``last_day``, among the people ``viewer`` may see:
    reaction (ratings and comments), learning (pre/post gain and its
    distribution), behaviour and results (from ``COURSE_EFFECTIVENESS``)."""
    enrolments = enrolments_visible_to(viewer).filter(
        session__course=course,
        session__first_day__gte=first_day,
        session__first_day__lte=last_day,
    )
    finished = enrolments.filter(
        state__in=Enrolment.FINISHED + (Enrolment.State.ATTENDED,)
    )
    feedback = list(
        Feedback.objects.filter(enrolment__in=finished)
        .order_by("-given_at")
        .values_list("rating", "comment")
    )
    rating, ratings = calc.rating_summary(r for r, _ in feedback)
    scores: dict[int, dict[str, float]] = {}
    for enrolment_id, kind, score in Assessment.objects.filter(
        enrolment__in=finished
    ).values_list("enrolment_id", "kind", "score"):
        scores.setdefault(enrolment_id, {})[kind] = float(score)
    pairs = [
        (s["pre"], s["post"]) for s in scores.values() if {"pre", "post"} <= set(s)
    ]
    trained_ids = list(
        enrolments.filter(state=Enrolment.State.PASSED).values_list(
            "staff_id", flat=True
        )
    )
    return Effectiveness(
        course=course,
        trained=len(set(trained_ids)),
        rating=rating,
        ratings=ratings,
        comments=[comment for _, comment in feedback if comment][:50],
        learning=calc.gain_summary(pairs),
        levels=effectiveness_levels(
            course=course,
            trained_staff_ids=trained_ids,
            first_day=first_day,
            last_day=last_day,
            viewer=viewer,
        ),
    )
