from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from deskbook.core.vocabulary import CollectionStage
from training.kpis.calculations import composite
from training.kpis.calculations.measures import MEASURE_CHOICES, MEASURES, Direction


def stage_or_team(name: str) -> models.CheckConstraint:
    """A row applies to a stage or to a team, never both or neither."""
    return models.CheckConstraint(
        condition=(Q(stage="") & Q(team__isnull=False))
        | (~Q(stage="") & Q(team__isnull=True)),
        name=name,
    )


class PeriodKind(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"


class KpiDefinitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class KpiDefinition(models.Model):
    """One KPI of a stage's or a team's scorecard: a measure from the fixed
    set, its target, weight and cap, for periods of one kind.

    A team's definitions replace its stage's: late-bucket collectors are
    never held to pre-collection targets, and a team with its own scorecard
    is held to that one only.
    """

    name = models.CharField(max_length=80)
    measure = models.CharField(max_length=32, choices=MEASURE_CHOICES)
    direction = models.CharField(
        max_length=8,
        choices=[(d.value, f"{d.value.capitalize()} is better") for d in Direction],
        blank=True,
        help_text="Blank: the measure's own (lower for handle time, else higher).",
    )
    target = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="In the measure's unit: percent, money, calls per hour, seconds.",
    )
    weight = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    cap = models.DecimalField(
        "attainment cap (%)",
        max_digits=6,
        decimal_places=2,
        default=composite.DEFAULT_CAP,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="The highest attainment counted in the composite.",
    )
    stage = models.CharField(max_length=8, choices=CollectionStage.choices, blank=True)
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kpi_definitions",
    )
    period_kind = models.CharField(
        "period", max_length=8, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = KpiDefinitionQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "team__name", "order", "name"]
        verbose_name = "KPI definition"
        constraints = [
            stage_or_team("kpis_definition_stage_or_team"),
            models.UniqueConstraint(
                fields=["stage", "team", "period_kind", "name"],
                name="kpis_definition_unique_name",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.applies_to})"

    @property
    def applies_to(self) -> str:
        return self.team.name if self.team_id else self.get_stage_display()

    @property
    def measure_definition(self):
        return MEASURES[self.measure]

    @property
    def formula(self) -> str:
        return self.measure_definition.formula

    def as_calculation(self) -> composite.KpiDefinition:
        return composite.KpiDefinition(
            name=self.name,
            measure=self.measure_definition,
            target=self.target,
            weight=self.weight,
            direction=Direction(self.direction) if self.direction else None,
            cap=self.cap,
        )
