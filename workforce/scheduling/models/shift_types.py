from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from ..calculations import shift_length_minutes


def readable_text_colour(background: str) -> str:
    """``#000000`` or ``#ffffff``, whichever contrasts more with ``background``
    (a ``#rrggbb`` colour), by the WCAG relative luminance."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    return "#000000" if (luminance + 0.05) ** 2 > 0.0525 else "#ffffff"


class ShiftTypeQuerySet(models.QuerySet):
    def for_team(self, team):
        return self.filter(active=True, teams=team)


class ShiftType(models.Model):
    """A shift template: when it starts and ends (an end at or before the start
    is on the next day), its unpaid break, and the teams that use it."""

    name = models.CharField(max_length=60, unique=True)
    code = models.CharField(
        max_length=4,
        unique=True,
        help_text="Shown in the plan's cells, e.g. E for Early.",
    )
    starts_at = models.TimeField()
    ends_at = models.TimeField(
        help_text="At or before the start when the shift crosses midnight."
    )
    unpaid_break_minutes = models.PositiveSmallIntegerField(default=60)
    colour = models.CharField(
        max_length=7,
        default="#2e7d32",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "A colour like #2e7d32.")],
    )
    teams = models.ManyToManyField(
        "workforce.Team", blank=True, related_name="shift_types"
    )
    active = models.BooleanField(
        default=True, help_text="Inactive types stay on past shifts only."
    )

    objects = ShiftTypeQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "name"]

    def __str__(self):
        return f"{self.name} ({self.starts_at:%H:%M}–{self.ends_at:%H:%M})"

    @property
    def crosses_midnight(self) -> bool:
        return self.ends_at <= self.starts_at

    @property
    def length_minutes(self) -> int:
        return shift_length_minutes(self.starts_at, self.ends_at)

    @property
    def paid_minutes(self) -> int:
        return self.length_minutes - self.unpaid_break_minutes

    @property
    def paid_hours(self) -> float:
        return self.paid_minutes / 60

    def team_names(self) -> str:
        """The teams that use the type; uses prefetched ``teams``."""
        return ", ".join(sorted(team.name for team in self.teams.all()))

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the type's colour."""
        return readable_text_colour(self.colour)

    def clean(self):
        if self.starts_at is None or self.ends_at is None:
            return
        if self.starts_at == self.ends_at:
            raise ValidationError(
                {"ends_at": "A shift cannot end at the time it starts."}
            )
        if self.unpaid_break_minutes >= self.length_minutes:
            raise ValidationError(
                {"unpaid_break_minutes": "The break must be shorter than the shift."}
            )
