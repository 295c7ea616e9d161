"""People and teams: staff records, teams, partner agencies, dated team
memberships and resignations."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from deskbook.core.teams import IN_HOUSE
from deskbook.core.vocabulary import CollectionStage


class Channel(models.TextChoices):
    DESK = "desk", "Desk"
    FIELD = "field", "Field"


class PartnerAgency(models.Model):
    """An outsourced agency whose collectors work beside the in-house teams."""

    name = models.CharField(max_length=120, unique=True)
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "partner agencies"

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language the agency calls in (a small table, so it filters on any
    database and new languages need no code)."""

    code = models.CharField(max_length=8, unique=True, help_text="ISO 639-1, e.g. ms")
    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    """A collection team: a stage of the collection cycle worked from one channel."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    stage = models.CharField(max_length=8, choices=CollectionStage.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    leads = models.ManyToManyField(
        "workforce.Staff",
        blank=True,
        related_name="led_teams",
        help_text="Who plans the team's shifts, approves its leave, moves its people.",
    )
    location = models.CharField(max_length=120, blank=True, help_text="Site or office.")
    minimum_staffing = models.PositiveSmallIntegerField(
        default=1, help_text="The fewest people the team may be down to on a shift."
    )
    partner = models.ForeignKey(
        PartnerAgency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
        help_text="The partner agency that runs the team; empty when in-house.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def run_by(self) -> str:
        return self.partner.name if self.partner_id else IN_HOUSE


class StaffQuerySet(models.QuerySet):
    def employed(self):
        """Still on the payroll: active or working their notice."""
        return self.exclude(status=Staff.Status.LEFT)


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

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ON_NOTICE = "on_notice", "On notice"
        LEFT = "left", "Left"

    employee_number = models.CharField(max_length=16, unique=True)
    # Given name(s) first, family or father's name last; a person with one
    # name has it as the last name (docs/people.md, "Names").
    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    job_title = models.CharField(max_length=20, choices=JobTitle.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_profile",
    )
    hired_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="speakers")
    # Imported call logs and clock events are matched on these two.
    phone_extension = models.CharField(max_length=10, blank=True)
    dialer_agent_id = models.CharField(max_length=32, blank=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "staff"
        permissions = [("oversee_staff", "Can see every person's records")]
        constraints = [
            models.UniqueConstraint(
                fields=["phone_extension"],
                condition=~Q(phone_extension=""),
                name="workforce_staff_phone_extension_unique",
                violation_error_message="Another person has this phone extension.",
            ),
            models.UniqueConstraint(
                fields=["dialer_agent_id"],
                condition=~Q(dialer_agent_id=""),
                name="workforce_staff_dialer_agent_id_unique",
                violation_error_message="Another person has this dialer agent id.",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.employee_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def team_on(self, day: datetime.date) -> "Team | None":
        membership = self.memberships.on(day).select_related("team").first()
        return membership.team if membership else None


# The job titles that make calls and collect: the people KPIs rank.
COLLECTING_JOBS = (Staff.JobTitle.DESK_COLLECTOR, Staff.JobTitle.FIELD_COLLECTOR)


class TeamMembershipQuerySet(models.QuerySet):
    def on(self, day: datetime.date):
        """Memberships in force on ``day``."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class TeamMembership(models.Model):
    """A person's time in one team, from ``valid_from`` to ``valid_to`` (both
    included; open-ended while it lasts).

    A person's memberships follow each other with no overlap and no gap; they
    are written only by the services (``staff_move``, resignations), which keep
    that so on every database; PostgreSQL also refuses overlaps itself (an
    exclusion constraint, migration 0003).
    """

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["staff", "valid_from"]
        verbose_name = "team move"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="workforce_membership_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["staff"],
                condition=Q(valid_to__isnull=True),
                name="workforce_membership_one_open_per_person",
            ),
        ]

    def __str__(self):
        until = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.staff.full_name}: {self.team} {self.valid_from} – {until}"


class Resignation(models.Model):
    """A person's notice to leave; withdrawn ones are kept for the record."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="resignations"
    )
    notice_given_on = models.DateField()
    last_working_day = models.DateField()
    reason = models.CharField(max_length=200)
    exit_interview_notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-last_working_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_working_day__gte=F("notice_given_on")),
                name="workforce_resignation_last_day_after_notice",
                violation_error_message=(
                    "The last working day cannot come before the notice."
                ),
            ),
            models.UniqueConstraint(
                fields=["staff"],
                condition=Q(withdrawn_on__isnull=True),
                name="workforce_resignation_one_standing_per_person",
                violation_error_message="This person has already resigned.",
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name}, last day {self.last_working_day}"
