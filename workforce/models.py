from django.conf import settings
from django.db import models

from deskbook.core.vocabulary import CollectionStage


class Channel(models.TextChoices):
    DESK = "desk", "Desk"
    FIELD = "field", "Field"


class Team(models.Model):
    """A collection team: a stage of the collection cycle worked from one channel."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    stage = models.CharField(max_length=8, choices=CollectionStage.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
        help_text="The team lead who plans this team's shifts and approves leave.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_team(self, team):
        return self.filter(team=team)


class Staff(models.Model):
    """A person on the agency's payroll, linked to a sign-in when they have one."""

    class JobTitle(models.TextChoices):
        DESK_COLLECTOR = "desk_collector", "Desk collector"
        FIELD_COLLECTOR = "field_collector", "Field collector"
        TEAM_LEAD = "team_lead", "Team lead"
        TRAINER = "trainer", "Trainer"
        QA_ANALYST = "qa_analyst", "QA analyst"
        MANAGER = "manager", "Manager"
        EDITOR = "editor", "Communications officer"

    employee_number = models.CharField(max_length=16, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    job_title = models.CharField(max_length=20, choices=JobTitle.choices)
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_profile",
    )
    hired_on = models.DateField()
    is_active = models.BooleanField(default=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "staff"

    def __str__(self):
        return f"{self.full_name} ({self.employee_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
