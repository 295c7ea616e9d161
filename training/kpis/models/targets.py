import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from deskbook.core.vocabulary import CollectionStage

from .definitions import stage_or_team


class CollectionTarget(models.Model):
    """The amount each collector of a stage or a team is set to collect in
    one month. A team's target replaces its stage's for that month.

    The build spreads it over the month's calendar days, each day's share
    going to whoever was in a collecting job in the team that day, so a
    collector who joins or moves mid-month is held to the days they spent
    in the team (``calculations.targets.daily_shares``)."""

    stage = models.CharField(max_length=8, choices=CollectionStage.choices, blank=True)
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="collection_targets",
    )
    month = models.DateField(help_text="Any day of the month: kept as its first day.")
    amount = models.DecimalField(
        "amount per collector",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["-month", "stage", "team__name"]
        constraints = [
            stage_or_team("kpis_collection_target_stage_or_team"),
            models.UniqueConstraint(
                fields=["stage", "team", "month"],
                name="kpis_collection_target_unique_month",
            ),
        ]

    def __str__(self):
        return f"{self.applies_to}, {self.month:%B %Y}: {self.amount}"

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    @property
    def applies_to(self) -> str:
        return self.team.name if self.team_id else self.get_stage_display()

    def clean(self):
        if bool(self.stage) == bool(self.team_id):
            raise ValidationError("Choose a stage or a team, not both or neither.")
        if isinstance(self.month, datetime.date):
            self.month = self.month.replace(day=1)
