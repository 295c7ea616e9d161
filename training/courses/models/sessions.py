from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from .enrolments import Enrolment


class SessionQuerySet(models.QuerySet):
    def standing(self):
        """Not cancelled."""
        return self.exclude(status=Session.Status.CANCELLED)

    def upcoming(self, now=None):
        """Standing sessions that have not started yet, soonest first."""
        now = now or timezone.now()
        return self.standing().filter(starts_at__gt=now).order_by("starts_at", "pk")

    def with_places(self):
        """Annotated with ``holding`` (places taken), ``waiting`` and
        ``places_left``, in the same query."""
        holding = Count(
            "enrolments", filter=Q(enrolments__state__in=Enrolment.PLACE_HOLDING)
        )
        return self.annotate(
            holding=holding,
            waiting=Count(
                "enrolments", filter=Q(enrolments__state=Enrolment.State.WAITLISTED)
            ),
        ).annotate(places_left=Greatest(F("capacity") - F("holding"), Value(0)))


class Session(models.Model):
    """One run of a course: who teaches it, where, for how many, on one or
    several dates (each an event on the *Training* calendar). ``starts_at``
    and ``ends_at`` are the first date's start and the last one's end, kept
    by the services so lists can sort and filter on them."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="sessions"
    )
    trainer = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="sessions_trained"
    )
    room = models.CharField(max_length=120, blank=True)
    online_link = models.URLField(blank=True)
    capacity = models.PositiveSmallIntegerField(
        help_text="Places; people beyond it wait on the waitlist."
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PLANNED,
        help_text="A confirmed session takes its people off the plan for its times.",
    )
    starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The local day of ``starts_at``: the date of the fact for the scope rule.
    first_day = models.DateField(null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["course", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="courses_session_has_a_place"
            ),
            models.CheckConstraint(
                condition=~Q(room="") | ~Q(online_link=""),
                name="courses_session_has_a_room_or_a_link",
                violation_error_message="Give a room or an online link.",
            ),
        ]

    def __str__(self):
        when = (
            f"{timezone.localtime(self.starts_at):%d %b %Y}"
            if self.starts_at
            else "no date yet"
        )
        return f"{self.course.title}, {when}"

    @property
    def where(self) -> str:
        return self.room or "Online"


class SessionDate(models.Model):
    """One sitting of a session, mirrored as an event on the *Training*
    calendar."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="dates")
    start = models.DateTimeField()
    end = models.DateTimeField()
    event = models.OneToOneField(
        "schedule.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_date",
    )

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="courses_session_date_ends_after_it_starts",
                violation_error_message="A date ends after it starts.",
            ),
            models.UniqueConstraint(
                fields=["session", "start"], name="courses_session_date_unique_start"
            ),
        ]

    def __str__(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{start:%a %d %b %Y %H:%M}–{end:%H:%M}"
