import datetime

from django.db import models
from django.db.models import F, Q


class CertificateQuerySet(models.QuerySet):
    def current(self, on: datetime.date):
        return self.filter(issued_on__lte=on).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )

    def expired(self, on: datetime.date):
        return self.filter(expires_on__lt=on)

    def expiring(self, on: datetime.date, within_days: int):
        """Current on ``on`` and expiring in the next ``within_days`` days."""
        return self.filter(
            expires_on__gte=on, expires_on__lte=on + datetime.timedelta(within_days)
        )

    def latest_per_person_and_course(self):
        """Each person's newest certificate of each course: one renewed by a
        later certificate of the course or of its refresher is no longer due."""
        newer = Certificate.objects.filter(
            Q(course_id=models.OuterRef("course_id"))
            | Q(course_id=models.OuterRef("course__refresher_course_id")),
            staff_id=models.OuterRef("staff_id"),
            issued_on__gt=models.OuterRef("issued_on"),
        )
        return self.exclude(models.Exists(newer))


class Certificate(models.Model):
    """Proof that a person passed a course, valid until ``expires_on`` (or
    for good). ``number`` is random, so numbers cannot be guessed on the
    public verification page."""

    number = models.CharField(max_length=20, unique=True)
    enrolment = models.OneToOneField(
        "courses.Enrolment", on_delete=models.PROTECT, related_name="certificate"
    )
    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="certificates"
    )
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        indexes = [
            models.Index(fields=["staff", "course"]),
            models.Index(fields=["expires_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="courses_certificate_expires_after_issue",
            )
        ]

    def __str__(self):
        return f"{self.number}: {self.course} ({self.staff.full_name})"

    def is_current(self, on: datetime.date) -> bool:
        return self.issued_on <= on and (
            self.expires_on is None or self.expires_on >= on
        )
