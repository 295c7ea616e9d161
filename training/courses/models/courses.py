from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class CourseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def flagged(self):
        """Courses an SOP revision asks the trainer to review."""
        return self.filter(review_flagged_at__isnull=False)


class Course(models.Model):
    """What is taught: its kind, the SOPs behind it, how it is passed and how
    long the certificate it gives holds."""

    class Kind(models.TextChoices):
        NEW_HIRE = "new_hire", "New-hire programme"
        REFRESHER = "refresher", "Refresher"
        COMPLIANCE = "compliance", "Compliance"
        PRODUCT = "product", "Product"

    title = models.CharField(max_length=120, unique=True)
    code = models.SlugField(
        max_length=20,
        unique=True,
        help_text="Short code for lists and certificates, e.g. disclosure.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField(blank=True)
    objectives = models.TextField(
        "learning objectives", blank=True, help_text="One objective a line."
    )
    sops = models.ManyToManyField(
        "kb.SOPPage",
        blank=True,
        related_name="courses",
        verbose_name="SOPs taught",
    )
    owner = models.ForeignKey(
        "workforce.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_courses",
        help_text="The trainer who keeps the course up to date.",
    )
    duration_hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5)],
        help_text="Teaching time, in hours.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        validators=[MaxValueValidator(100)],
        help_text="The post-course score, out of 100, that passes.",
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many times a person may sit it before a lead steps in.",
    )
    validity_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="How long the certificate holds; empty: it never expires.",
    )
    refresher_course = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renews",
        help_text="The course that renews the certificate (itself if empty).",
    )
    open_for_self_enrolment = models.BooleanField(
        default=False, help_text="People may enrol themselves in its sessions."
    )
    active = models.BooleanField(default=True)
    review_flagged_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a revision of an SOP it teaches asked for a review.",
    )
    review_note = models.TextField(
        blank=True, help_text="What changed in the SOPs since the last review."
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("oversee_training", "Can see everyone's training records")]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__lte=100), name="courses_pass_mark_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="courses_at_least_one_attempt"
            ),
            models.CheckConstraint(
                condition=Q(validity_months__isnull=True) | Q(validity_months__gte=1),
                name="courses_validity_at_least_a_month",
            ),
            models.CheckConstraint(
                condition=Q(duration_hours__gt=0), name="courses_duration_positive"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def renewed_by(self) -> "Course":
        return self.refresher_course or self

    @property
    def objective_lines(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class EnrolmentRule(models.Model):
    """Who is enrolled without asking: every new hire of a channel's (or
    one team's) teams goes to the next session of ``course``."""

    class Trigger(models.TextChoices):
        NEW_HIRE = "new_hire", "New hire"

    name = models.CharField(max_length=120)
    trigger = models.CharField(
        max_length=12, choices=Trigger.choices, default=Trigger.NEW_HIRE
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="enrolment_rules"
    )
    channel = models.CharField(
        max_length=8,
        blank=True,
        choices=[("desk", "Desk"), ("field", "Field")],
        help_text="Teams of this channel; empty: any.",
    )
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only this team; empty: every team of the channel.",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def matches(self, team) -> bool:
        if self.team_id and self.team_id != team.pk:
            return False
        return not self.channel or self.channel == team.channel
