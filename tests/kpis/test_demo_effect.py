"""The demo's course with an effect: *Promises that are kept*, passed 45
days ago by every other collector. Its report shows the trained's scores
on the QA items naming the course rising after it (level 3) and a positive
difference-in-differences with its interval (level 4), while the demo
analyst's queue keeps calls to score. Seeds only the parts it stands on:
the people, the courses, the call log, the evaluations and the KPI facts."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from deskbook.core.demo import ensure_demo_users
from training.courses.demo import seed_training
from training.courses.models import Course
from training.courses.selectors.reports import course_effectiveness
from training.kpis.demo import seed_kpis
from training.qa.demo import seed_calls
from training.qa.demo_evaluations import (
    QUEUE_LEFT,
    seed_qa_analysts,
    seed_qa_evaluations,
)
from training.qa.evaluation_selectors import queue_of
from training.qa.models import Evaluation
from workforce.people.demo import seed_teams_and_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]
QUIET = {"log": lambda line: None}
CELL = re.compile(r"^(\d+\.\d+) \((\d+) calls?\)$")


def cell(text: str) -> tuple[float, int]:
    """A level-3 cell, "60.76 (19 calls)", as (mean, calls)."""
    found = CELL.match(text)
    assert found, text
    return float(found[1]), int(found[2])


# The first and the last days of a month: late in the month the report's
# after period reaches into the current month, which has no sample yet.
@pytest.mark.parametrize("today", ["2026-03-02 09:00", "2026-03-27 09:00"])
def test_the_effect_course_shows_behaviour_and_results_rising(frozen_time, today):
    now = frozen_time(today)
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    seed_qa_analysts(size="small", **QUIET)
    seed_training(size="small", **QUIET)
    seed_calls(size="small", **QUIET)
    seed_qa_evaluations(size="small", **QUIET)
    seed_kpis(size="small", **QUIET)

    manager = get_user_model().objects.get(username="manager")
    report = course_effectiveness(
        viewer=manager,
        course=Course.objects.get(code="promises"),
        first_day=now.date() - datetime.timedelta(days=90),
        last_day=now.date(),
    )
    behaviour, _, *results = report.levels

    # Level 3: both items of the course, the trained rising by ten points
    # or more on a handful of calls each side, short of every call perfect;
    # the not yet trained moving less.
    assert [row[0] for row in behaviour.rows] == [
        "Offered a payment plan that fits the debtor",
        "Confirmed the promise's amount and date",
    ]
    for _, *cells in behaviour.rows:
        (before, n_before), (after, n_after), (other_before, _), (other_after, _) = (
            cell(text) for text in cells
        )
        assert n_before >= 5 and n_after >= 5, cells
        assert 30 < before < after - 10 < 90, cells
        assert abs(other_after - other_before) < after - before, cells

    # Level 4: the PTP rate, with a number and an interval above zero.
    ptp = next(level for level in results if level.title == "Results: PTP rate")
    assert ptp.rows, ptp.note
    rose = re.match(
        r"PTP rate rose ([\d.]+) points more for trained collectors; "
        r"95% interval (-?[\d.]+) to ([\d.]+); 16 trained, \d+ not yet",
        ptp.note,
    )
    assert rose, ptp.note
    assert 0 < float(rose[2]) < float(rose[1]) < float(rose[3])

    # The demo analyst has calls left to score, every analyst at least
    # QUEUE_LEFT where they had that many; a second run scores nothing more.
    qa = get_user_model().objects.get(username="qa")
    assert queue_of(viewer=qa).filter(is_done=False).exists()
    for username in ("qa2", "qa3", "qa4"):
        analyst = get_user_model().objects.get(username=username)
        assert queue_of(viewer=analyst).filter(is_done=False).count() >= QUEUE_LEFT
    evaluations = Evaluation.objects.count()
    seed_qa_evaluations(size="small", **QUIET)
    assert Evaluation.objects.count() == evaluations
