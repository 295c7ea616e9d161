import secrets

from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret iCal address. Renewing it replaces the token, so the
    old address stops answering; revoking deletes the row."""

    staff = models.OneToOneField(
        "workforce.Staff", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.staff}"
