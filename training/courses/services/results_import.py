"""A session's attendance and scores from a spreadsheet: every row checked
first, then all or nothing (through ``session_results_record``)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from workforce.people.rosters import RosterUnreadable, read_roster
from workforce.people.staff_import import RowProblem

from ..models import Enrolment, Session
from .results import session_results_record

PRESENT = {"yes", "y", "1", "present", "x", "true"}
ABSENT = {"no", "n", "0", "absent", "false"}
SCORES = {"pre_score": "pre", "post_score": "post"}


class ResultsImportFailed(Exception):
    """Nothing was recorded; ``problems`` lists everything to fix."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s); nothing was recorded")
        self.problems = problems


@dataclass
class ResultsImportReport:
    people: int
    marks: int
    scores: int

    def __str__(self):
        return f"{self.people} people, {self.marks} marks, {self.scores} scores"


def date_column(date) -> str:
    """The column of a session date: ``present_2026-03-09``."""
    return f"present_{timezone.localtime(date.start):%Y-%m-%d}"


def import_session_results(
    *, session: Session, source: Path | BinaryIO, filename: str, by, dry_run=False
) -> ResultsImportReport:
    """One row a person on ``session`` (by ``employee_number``), with
    ``present_<date>`` columns (yes/no) and ``pre_score``/``post_score``
    (0–100, or empty). Any problem in any row records nothing."""
    try:
        roster = read_roster(source, filename)
    except RosterUnreadable as error:
        raise ResultsImportFailed([RowProblem(str(error))]) from error
    dates = {date_column(d): d for d in session.dates.all()}
    known = {"employee_number", "name", *SCORES, *dates}
    problems = [
        RowProblem("unknown column", 1, column)
        for column in roster.columns
        if column not in known
    ]
    if "employee_number" not in roster.columns:
        problems.append(RowProblem("missing column: employee_number", 1))
    if not problems and not roster.rows:
        problems.append(RowProblem("the file has no rows below the header"))
    if problems:
        raise ResultsImportFailed(problems)
    on_session = {
        e.staff.employee_number: e
        for e in session.enrolments.exclude(
            state__in=[Enrolment.State.CANCELLED, Enrolment.State.WAITLISTED]
        ).select_related("staff")
    }
    marks, scores, seen = {}, {}, set()
    for row in roster.rows:
        number = str(row.cells.get("employee_number", "")).strip()
        enrolment = on_session.get(number)
        if enrolment is None:
            problems.append(
                RowProblem(
                    f"{number or 'no one'} holds no place on this session",
                    row.number,
                    "employee_number",
                )
            )
            continue
        if number in seen:
            problems.append(
                RowProblem(f"{number} is on two rows", row.number, "employee_number")
            )
        seen.add(number)
        for column, date in dates.items():
            value = str(row.cells.get(column, "")).strip().lower()
            if not value:
                continue
            if value not in PRESENT | ABSENT:
                problems.append(
                    RowProblem(f"not yes or no: {value!r}", row.number, column)
                )
                continue
            marks[(enrolment.pk, date.pk)] = value in PRESENT
        for column, kind in SCORES.items():
            value = str(row.cells.get(column, "")).strip()
            if not value:
                continue
            try:
                score = Decimal(value)
            except InvalidOperation:
                problems.append(
                    RowProblem(f"not a score: {value!r}", row.number, column)
                )
                continue
            if not Decimal(0) <= score <= Decimal(100):
                problems.append(
                    RowProblem(
                        f"a score is from 0 to 100, not {value}", row.number, column
                    )
                )
                continue
            scores[(enrolment.pk, kind)] = score
    if problems:
        raise ResultsImportFailed(problems)
    try:
        with transaction.atomic():
            session_results_record(session=session, marks=marks, scores=scores, by=by)
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as refusal:
        raise ResultsImportFailed(
            [RowProblem(m) for m in refusal.messages]
        ) from refusal
    return ResultsImportReport(len(seen), len(marks), sum(1 for _ in scores))
