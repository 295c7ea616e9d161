from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class EnrolmentQuerySet(models.QuerySet):
    def holding_a_place(self):
        """Enrolled or past it: what fills a session's places."""
        return self.filter(state__in=Enrolment.PLACE_HOLDING)

    def standing(self):
        """Not cancelled: waiting, holding a place or finished."""
        return self.exclude(state=Enrolment.State.CANCELLED)

    def waiting(self):
        return self.filter(state=Enrolment.State.WAITLISTED).order_by(
            "created_at", "pk"
        )


class Enrolment(models.Model):
    """A person's place (or place in the queue) on a session, one attempt at
    its course."""

    class State(models.TextChoices):
        WAITLISTED = "waitlisted", "Waitlisted"
        ENROLLED = "enrolled", "Enrolled"
        ATTENDED = "attended", "Attended, awaiting result"
        PASSED = "passed", "Passed"
        FAILED = "failed", "Failed"
        NO_SHOW = "no_show", "Did not attend"
        CANCELLED = "cancelled", "Cancelled"

    class Source(models.TextChoices):
        SELF = "self", "Self-enrolled"
        ASSIGNED = "assigned", "Assigned"
        RULE = "rule", "Enrolment rule"
        REFRESHER = "refresher", "Refresher due"
        QA = "qa", "After a QA critical fail"
        WAITLIST = "waitlist", "From the waitlist"

    PLACE_HOLDING = (
        State.ENROLLED,
        State.ATTENDED,
        State.PASSED,
        State.FAILED,
        State.NO_SHOW,
    )
    FINISHED = (State.PASSED, State.FAILED, State.NO_SHOW)

    session = models.ForeignKey(
        "courses.Session", on_delete=models.PROTECT, related_name="enrolments"
    )
    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="enrolments"
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.ENROLLED
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    attempt = models.PositiveSmallIntegerField(default=1)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at", "pk"]
        indexes = [
            models.Index(fields=["staff", "state"]),
            models.Index(fields=["session", "state"]),
        ]
        constraints = [
            # One standing enrolment of a person on a session; a cancelled
            # one may be followed by a new one.
            models.UniqueConstraint(
                fields=["session", "staff"],
                condition=~Q(state="cancelled"),
                name="courses_one_standing_enrolment_per_session",
                violation_error_message="Already on this session.",
            ),
            models.CheckConstraint(
                condition=Q(attempt__gte=1), name="courses_attempt_at_least_one"
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name} on {self.session}"


class AttendanceMark(models.Model):
    """Whether a person was there on one date of their session."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="marks"
    )
    session_date = models.ForeignKey(
        "courses.SessionDate", on_delete=models.CASCADE, related_name="marks"
    )
    present = models.BooleanField()
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session_date"],
                name="courses_one_mark_per_person_and_date",
            )
        ]

    def __str__(self):
        return f"{self.enrolment.staff} {'present' if self.present else 'absent'}"


class Assessment(models.Model):
    """A score out of 100, before or after the course."""

    class Kind(models.TextChoices):
        PRE = "pre", "Before"
        POST = "post", "After"

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices)
    score = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enrolment", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind"], name="courses_one_score_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="courses_score_out_of_100",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.score}"


class Feedback(models.Model):
    """The person's reaction to the course (Kirkpatrick level 1)."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="courses_rating_one_to_five",
            )
        ]

    def __str__(self):
        return f"{self.rating}/5"
