"""E-mails to the person about each change to their enrolment, sent once the
change is committed (through shift planning's mailer, so ``quiet()``
silences them while the demo is seeded)."""

from workforce.scheduling.notifications import after_commit, send

from .models import Certificate, Enrolment

SUBJECTS = {
    Enrolment.State.ENROLLED: "You are enrolled: {course}",
    Enrolment.State.WAITLISTED: "You are on the waitlist: {course}",
    Enrolment.State.CANCELLED: "Your place is cancelled: {course}",
    Enrolment.State.PASSED: "You passed: {course}",
    Enrolment.State.FAILED: "Your result: {course}",
    Enrolment.State.NO_SHOW: "Marked absent: {course}",
    Enrolment.State.ATTENDED: "Attendance recorded: {course}",
}


def _dates(enrolment: Enrolment) -> str:
    return "\n".join(f"  {date}" for date in enrolment.session.dates.all())


def enrolment_changed(enrolment: Enrolment, *, reason: str = "") -> None:
    """The person learns their enrolment's new state, and the session's dates
    and place."""
    session = enrolment.session
    subject = SUBJECTS[enrolment.state].format(course=session.course.title)
    lines = [
        f"{session.course.title} with {session.trainer.full_name}, {session.where}.",
        "Dates:",
        _dates(enrolment),
        f"\nNow: {enrolment.get_state_display().lower()}.",
    ]
    if session.online_link:
        lines.insert(1, f"Link: {session.online_link}")
    if reason:
        lines.append(reason)
    body = "\n".join(lines) + "\n"
    after_commit(lambda: send(subject, body, [enrolment.staff]))


def certificate_issued(certificate: Certificate) -> None:
    expiry = (
        f"It expires on {certificate.expires_on:%d %b %Y}."
        if certificate.expires_on
        else "It does not expire."
    )
    after_commit(
        lambda: send(
            f"Certificate {certificate.number}: {certificate.course.title}",
            f"Issued on {certificate.issued_on:%d %b %Y}. {expiry}\n",
            [certificate.staff],
        )
    )
