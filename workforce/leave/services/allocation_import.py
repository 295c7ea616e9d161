"""Import yearly allocations from a spreadsheet: every row checked first,
then all or nothing."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from django.db import transaction

from workforce.people.models import Staff
from workforce.people.rosters import (
    RosterRow,
    RosterUnreadable,
    read_roster,
    roster_date,
)
from workforce.people.staff_import import RowProblem

from .. import calculations as calc
from ..models import Allocation, LeaveType

REQUIRED = ("employee_number", "leave_type", "year", "granted")
OPTIONAL = ("carried_over", "carry_over_expires")
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class AllocationImportFailed(Exception):
    """Nothing was imported; ``problems`` lists everything to fix."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass
class AllocationImportReport:
    counts: dict[str, int] = field(
        default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    )

    def __str__(self):
        return ", ".join(f"{n} {outcome}" for outcome, n in self.counts.items())


def import_allocations(
    *, source: Path | BinaryIO, filename: str, dry_run: bool = False
) -> AllocationImportReport:
    """Create or update one allocation per row (a person by employee
    number, a leave type by code or name, a year), setting the days granted
    and, where the columns are there, carried over and until when.

    Every row is checked before anything is written; any problem raises
    ``AllocationImportFailed`` and changes nothing. Days are in half days,
    never negative, and never fewer than those already taken and pending.
    """
    try:
        roster = read_roster(source, filename)
    except RosterUnreadable as error:
        raise AllocationImportFailed([RowProblem(str(error))]) from error
    problems = [
        RowProblem(f"missing column: {column}", 1)
        for column in REQUIRED
        if column not in roster.columns
    ] + [
        RowProblem("unknown column", 1, column)
        for column in roster.columns
        if column not in REQUIRED + OPTIONAL
    ]
    if not problems and not roster.rows:
        problems.append(RowProblem("the file has no rows below the header"))
    if problems:
        raise AllocationImportFailed(problems)
    checker = _Checker(roster.rows)
    plans = [checker.plan(row) for row in roster.rows]
    if checker.problems:
        raise AllocationImportFailed(checker.problems)
    report = AllocationImportReport()
    for _, outcome in plans:
        report.counts[outcome] += 1
    if not dry_run:
        with transaction.atomic():
            for allocation, outcome in plans:
                if outcome != UNCHANGED:
                    allocation.full_clean()
                    allocation.save()
    return report


class _Checker:
    def __init__(self, rows: list[RosterRow]):
        self.problems: list[RowProblem] = []
        numbers = {str(row.cells.get("employee_number", "")) for row in rows}
        found = Staff.objects.filter(employee_number__in=numbers)
        self.staff = {person.employee_number: person for person in found}
        self.types = {}
        for leave_type in LeaveType.objects.all():
            self.types[leave_type.code.lower()] = leave_type
            self.types[leave_type.name.lower()] = leave_type
        self.existing = {
            (a.staff_id, a.leave_type_id, a.year): a
            for a in Allocation.objects.filter(staff__in=self.staff.values())
        }
        self.first_row_of: dict[tuple, int] = {}

    def problem(self, row, column, message):
        self.problems.append(RowProblem(message, row.number, column))

    def plan(self, row: RosterRow) -> tuple[Allocation | None, str]:
        before = len(self.problems)
        number = str(row.cells.get("employee_number", ""))
        staff = self.staff.get(number)
        if staff is None:
            self.problem(row, "employee_number", f"no person numbered {number!r}")
        name = str(row.cells.get("leave_type", "")).strip()
        leave_type = self.types.get(name.lower())
        if leave_type is None:
            self.problem(row, "leave_type", f"no leave type {name!r}")
        year = self._year(row)
        granted = self._days(row, "granted", required=True)
        carried = self._days(row, "carried_over")
        expires = self._date(row, "carry_over_expires")
        if expires and year and expires.year != year:
            self.problem(row, "carry_over_expires", f"not a day of {year}")
        if len(self.problems) > before:
            return None, UNCHANGED
        key = (staff.pk, leave_type.pk, year)
        first = self.first_row_of.setdefault(key, row.number)
        if first != row.number:
            self.problem(row, None, f"the same person, type and year as row {first}")
            return None, UNCHANGED
        allocation = self.existing.get(key) or Allocation(
            staff=staff, leave_type=leave_type, year=year
        )
        wanted = {"granted": granted}
        if "carried_over" in row.cells:
            wanted["carried_over"] = carried or calc.ZERO
        if "carry_over_expires" in row.cells:
            wanted["carry_over_expires"] = expires
        changed = [k for k, v in wanted.items() if getattr(allocation, k) != v]
        for column, value in wanted.items():
            setattr(allocation, column, value)
        used = allocation.taken + allocation.pending
        if used > allocation.granted + allocation.carried_over:
            self.problem(
                row,
                "granted",
                f"{staff.full_name} has {calc.days_phrase(used)} taken or "
                f"pending in {year}: grant at least that",
            )
            return None, UNCHANGED
        if allocation.pk is None:
            return allocation, CREATED
        return allocation, UPDATED if changed else UNCHANGED

    def _year(self, row) -> int | None:
        value = str(row.cells.get("year", ""))
        if not value.isdigit() or not 2000 <= int(value) <= 2100:
            self.problem(row, "year", f"not a year: {value!r}")
            return None
        return int(value)

    def _days(self, row, column, *, required=False) -> Decimal | None:
        value = str(row.cells.get(column, "")).strip()
        if not value:
            if required:
                self.problem(row, column, "empty")
            return None
        try:
            days = Decimal(value)
        except InvalidOperation:
            self.problem(row, column, f"not a number of days: {value!r}")
            return None
        if days < 0 or days % Decimal("0.5") or days >= 1000:
            self.problem(row, column, f"not a number of half days: {value!r}")
            return None
        return days

    def _date(self, row, column) -> datetime.date | None:
        value = row.cells.get(column, "")
        if not value:
            return None
        try:
            return roster_date(value)
        except ValueError as error:
            self.problem(row, column, str(error))
            return None
