"""Import a staff roster: every row checked first, then all or nothing."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from .models import Language, Staff, Team, TeamMembership
from .rosters import Roster, RosterRow, RosterUnreadable, read_roster, roster_date

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
REQUIRED = ("employee_number", "first_name", "last_name", "job_title", "hired_on")
OPTIONAL = ("team", "languages", "phone_extension", "dialer_agent_id", "email")
OPTIONAL += ("username",)
JOINED_REASON = "Hired (staff import)"


@dataclass(frozen=True)
class RowProblem:
    """One thing to fix; ``row`` as the spreadsheet numbers it (header = 1)."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self):
        where = [f"row {self.row}"] if self.row else []
        where += [f"column {self.column}"] if self.column else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


class StaffImportFailed(Exception):
    """Nothing was imported; ``problems`` lists everything to fix."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass
class StaffImportReport:
    outcomes: dict[str, list[str]] = field(
        default_factory=lambda: {CREATED: [], UPDATED: [], UNCHANGED: []}
    )
    dry_run: bool = False

    def count(self, outcome: str) -> int:
        return len(self.outcomes[outcome])

    def __str__(self):
        return (
            f"{self.count(CREATED)} created, {self.count(UPDATED)} updated, "
            f"{self.count(UNCHANGED)} unchanged"
        )


@dataclass
class _Plan:
    row: int
    staff: Staff  # unsaved when new
    outcome: str
    team: Team | None = None
    languages: list[Language] | None = None  # None: the file does not say


def staff_import(
    *, source: Path | BinaryIO, filename: str, dry_run: bool = False, by=None
) -> StaffImportReport:
    """Create or update one person per roster row, matched on employee number.

    Every row is checked before anything is written; any problem raises
    ``StaffImportFailed`` and changes nothing. A new person with a team joins
    it from their hire date; a different team for an existing person is an
    error, since moves are dated and recorded through ``staff_move``.
    """
    try:
        roster = read_roster(source, filename)
    except RosterUnreadable as error:
        raise StaffImportFailed([RowProblem(str(error))]) from error
    _check_shape(roster)
    plans = _Checker(roster).plans()
    report = StaffImportReport(dry_run=dry_run)
    for plan in plans:
        report.outcomes[plan.outcome].append(plan.staff.employee_number)
    if not dry_run:
        _apply(plans, by=by)
    return report


def _check_shape(roster: Roster) -> None:
    problems = []
    missing = [column for column in REQUIRED if column not in roster.columns]
    if missing:
        problems.append(RowProblem(f"missing column(s): {', '.join(missing)}", 1))
    for column in roster.columns:
        if column not in REQUIRED + OPTIONAL:
            problems.append(RowProblem("unknown column", 1, column))
    if not problems and not roster.rows:
        problems.append(RowProblem("the file has no rows below the header"))
    if problems:
        raise StaffImportFailed(problems)


class _Checker:
    """Checks every row against the file and the database, collecting problems."""

    def __init__(self, roster: Roster):
        self.roster = roster
        self.problems: list[RowProblem] = []
        numbers = [row.cells["employee_number"] for row in roster.rows]
        self.existing = {
            staff.employee_number: staff
            for staff in Staff.objects.filter(employee_number__in=numbers)
            .select_related("user")
            .prefetch_related("languages")
        }
        self.teams = {team.name.lower(): team for team in Team.objects.all()}
        self.languages = {lang.name.lower(): lang for lang in Language.objects.all()}
        self.first_row_of: dict[tuple[str, str], int] = {}

    def plans(self) -> list[_Plan]:
        plans = [self._plan(row) for row in self.roster.rows]
        if self.problems:
            raise StaffImportFailed(self.problems)
        return plans

    def _problem(self, row: RosterRow, column: str, message: str) -> None:
        self.problems.append(RowProblem(message, row.number, column))

    def _text(self, row, column, *, max_length: int, required=False) -> str:
        value = row.cells.get(column, "")
        if isinstance(value, datetime.date):
            value = value.isoformat()
        if required and not value:
            self._problem(row, column, "empty")
        elif len(value) > max_length:
            self._problem(row, column, f"longer than {max_length} characters")
        return value

    def _unique_in_file(self, row, column, value) -> None:
        first = self.first_row_of.setdefault((column, value.lower()), row.number)
        if first != row.number:
            self._problem(row, column, f"{value!r} is also on row {first}")

    def _plan(self, row: RosterRow) -> _Plan:
        number = self._text(row, "employee_number", max_length=16, required=True)
        if number:
            self._unique_in_file(row, "employee_number", number)
        existing = self.existing.get(number)
        staff = Staff(employee_number=number) if existing is None else existing
        wanted = {
            # Empty for a person with a single name, which is their last name.
            "first_name": self._text(row, "first_name", max_length=80),
            "last_name": self._text(row, "last_name", max_length=80, required=True),
            "job_title": self._job_title(row),
            "hired_on": self._date(row, "hired_on"),
        }
        for column, max_length in (("phone_extension", 10), ("dialer_agent_id", 32)):
            if column in row.cells:
                wanted[column] = self._unique_value(row, column, max_length, staff)
        if "email" in row.cells:
            wanted["email"] = self._email(row)
        if row.cells.get("username"):
            wanted["user"] = self._sign_in(row, staff)
        team = self._team(row, existing)
        languages = self._languages(row) if "languages" in row.cells else None
        hired_on = wanted["hired_on"]
        if existing is not None and hired_on not in (None, existing.hired_on):
            self._check_hire_date_change(row, existing)
        changed = [
            name
            for name, value in wanted.items()
            if value is not None and getattr(staff, name) != value
        ]
        if existing is not None and languages is not None:
            had = {lang.pk for lang in existing.languages.all()}
            if had != {lang.pk for lang in languages}:
                changed.append("languages")
        for name in changed:
            if name != "languages":
                setattr(staff, name, wanted[name])
        if changed and not any(p.row == row.number for p in self.problems):
            self._full_clean(row, staff)
        outcome = CREATED if existing is None else UPDATED if changed else UNCHANGED
        return _Plan(row.number, staff, outcome, team=team, languages=languages)

    def _check_hire_date_change(self, row, existing: Staff) -> None:
        if existing.memberships.exists():
            self._problem(
                row,
                "hired_on",
                f"the record says {existing.hired_on}, where their team history "
                "starts; correct it on the person's page",
            )

    def _full_clean(self, row, staff: Staff) -> None:
        # The model's own rules, in case they say more than the checks above.
        try:
            staff.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = "username" if name == "user" else name
                for message in messages:
                    self._problem(
                        row, column if column in OPTIONAL + REQUIRED else None, message
                    )

    def _job_title(self, row) -> str | None:
        value = self._text(row, "job_title", max_length=40, required=True)
        for choice, label in Staff.JobTitle.choices:
            if value.lower() in (choice, label.lower()):
                return choice
        if value:
            known = ", ".join(label for _, label in Staff.JobTitle.choices)
            self._problem(row, "job_title", f"unknown job title {value!r} ({known})")
        return None

    def _date(self, row, column) -> datetime.date | None:
        value = row.cells.get(column, "")
        if not value:
            self._problem(row, column, "empty")
            return None
        try:
            return roster_date(value)
        except ValueError as error:
            self._problem(row, column, str(error))
            return None

    def _unique_value(self, row, column, max_length, staff) -> str:
        value = self._text(row, column, max_length=max_length)
        if not value:
            return value
        self._unique_in_file(row, column, value)
        holder = (
            Staff.objects.filter(**{column: value}).exclude(pk=staff.pk).first()
            if staff.pk
            else Staff.objects.filter(**{column: value}).first()
        )
        if holder is not None:
            self._problem(row, column, f"{value!r} belongs to {holder}")
        return value

    def _email(self, row) -> str:
        value = self._text(row, "email", max_length=254)
        try:
            if value:
                validate_email(value)
        except ValidationError:
            self._problem(row, "email", f"not an e-mail address: {value!r}")
        return value

    def _sign_in(self, row, staff):
        username = self._text(row, "username", max_length=150)
        self._unique_in_file(row, "username", username)
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            self._problem(row, "username", f"no sign-in with the username {username!r}")
            return None
        holder = Staff.objects.filter(user=user).exclude(pk=staff.pk or None).first()
        if holder is not None:
            self._problem(row, "username", f"{username!r} is {holder}'s sign-in")
        elif staff.user_id and staff.user_id != user.pk:
            self._problem(
                row,
                "username",
                f"{staff.full_name} already signs in as {staff.user.get_username()!r}",
            )
        return user

    def _team(self, row, existing: Staff | None) -> Team | None:
        name = row.cells.get("team", "")
        if not name:
            return None
        team = self.teams.get(str(name).lower())
        if team is None:
            self._problem(row, "team", f"no team named {name!r}")
            return None
        if existing is not None:
            current = existing.team_on(timezone.localdate())
            if current is None:
                last = existing.memberships.order_by("valid_from").last()
                current = last.team if last else None
            if current != team:
                self._problem(
                    row,
                    "team",
                    f"{existing.full_name} is in {current or 'no team'}, not "
                    f"{team}: a team change is dated, so record a move instead",
                )
        return team

    def _languages(self, row) -> list[Language]:
        names = [name.strip() for name in str(row.cells["languages"]).split(",")]
        found = []
        for name in filter(None, names):
            language = self.languages.get(name.lower())
            if language is None:
                self._problem(row, "languages", f"no language named {name!r}")
            elif language not in found:
                found.append(language)
        return found


@transaction.atomic
def _apply(plans: list[_Plan], *, by) -> None:
    for plan in plans:
        if plan.outcome == UNCHANGED:
            continue
        staff = plan.staff
        staff.full_clean()
        staff.save()
        if plan.languages is not None:
            staff.languages.set(plan.languages)
        if plan.outcome == CREATED and plan.team is not None:
            membership = TeamMembership(
                staff=staff,
                team=plan.team,
                valid_from=staff.hired_on,
                reason=JOINED_REASON,
                recorded_by=by,
            )
            membership.full_clean()
            membership.save()
