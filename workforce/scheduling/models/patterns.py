import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ..calculations import rotation_index


class ShiftPattern(models.Model):
    """A team's rotation over one to four weeks: a shift type or a day off for
    each day, Monday first. Fixed days off repeat on the same weekdays; in a
    longer rotation they move from week to week."""

    team = models.ForeignKey(
        "workforce.Team", on_delete=models.CASCADE, related_name="shift_patterns"
    )
    name = models.CharField(max_length=80)
    weeks = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        ordering = ["team", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "name"],
                name="scheduling_pattern_name_unique_per_team",
                violation_error_message="The team already has a pattern of this name.",
            ),
            models.CheckConstraint(
                condition=Q(weeks__gte=1, weeks__lte=4),
                name="scheduling_pattern_one_to_four_weeks",
            ),
        ]

    def __str__(self):
        return f"{self.team}: {self.name}"

    @property
    def length_days(self) -> int:
        return self.weeks * 7

    def cells(self) -> list[int | None]:
        """The shift type id (or None, a day off) of each day of the rotation;
        uses prefetched ``days`` when there are some."""
        cells: list[int | None] = [None] * self.length_days
        for day in self.days.all():
            if day.index < self.length_days:
                cells[day.index] = day.shift_type_id
        return cells

    def rotation_codes(self) -> str:
        """The rotation as shift codes, a week at a time: ``E E E E E - -``;
        uses prefetched ``days__shift_type`` when there are some."""
        codes = ["-"] * self.length_days
        for day in self.days.all():
            if day.index < self.length_days:
                codes[day.index] = day.shift_type.code
        return " | ".join(
            " ".join(codes[week * 7 : week * 7 + 7]) for week in range(self.weeks)
        )


class ShiftPatternDay(models.Model):
    """One working day of a pattern; days with no row are days off."""

    pattern = models.ForeignKey(
        ShiftPattern, on_delete=models.CASCADE, related_name="days"
    )
    index = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(27)],
        help_text="Day of the rotation: 0 is the first Monday, 27 the fourth Sunday.",
    )
    shift_type = models.ForeignKey(
        "scheduling.ShiftType", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pattern", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["pattern", "index"], name="scheduling_pattern_day_unique"
            )
        ]

    def __str__(self):
        return f"{self.pattern} day {self.index}: {self.shift_type.code}"


class PatternAssignment(models.Model):
    """A person placed in a pattern from a date, at an offset into its rotation
    (so a team's days off are staggered), until ``ends_on`` if set."""

    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.CASCADE, related_name="pattern_assignments"
    )
    pattern = models.ForeignKey(
        ShiftPattern, on_delete=models.CASCADE, related_name="assignments"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    rotation_offset_days = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(27)],
        help_text="Days into the rotation on the first Monday: 7 starts in week 2.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["staff", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="scheduling_assignment_ends_after_it_starts",
                violation_error_message="The end cannot come before the start.",
            )
        ]

    def __str__(self):
        return f"{self.staff} in {self.pattern} from {self.starts_on}"

    def clean(self):
        if (
            self.pattern_id
            and self.rotation_offset_days is not None
            and self.rotation_offset_days >= self.pattern.length_days
        ):
            raise ValidationError(
                {
                    "rotation_offset_days": (
                        f"The rotation has {self.pattern.length_days} days: "
                        f"the offset must be under {self.pattern.length_days}."
                    )
                }
            )

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def rotation_day(self, day: datetime.date) -> int:
        return rotation_index(
            day,
            anchor=self.starts_on,
            offset_days=self.rotation_offset_days,
            length_days=self.pattern.length_days,
        )
