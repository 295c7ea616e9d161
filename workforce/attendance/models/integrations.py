import hashlib
import secrets

from django.conf import settings
from django.db import models

TOKEN_PREFIX = "dbk_"  # noqa: S105 - a marker, not a secret
WRITE_CLOCK_EVENTS = "clock_events:write"
SCOPES = [(WRITE_CLOCK_EVENTS, "Send clock events")]


def token_hash(token: str) -> str:
    """The hash stored for a token. Tokens are long random strings, so a fast
    hash is enough: there is nothing to guess from a dictionary."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_new() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class IntegrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Integration(models.Model):
    """A badge reader, dialer or other system sending events to the API with
    its own token. Only the token's hash is stored: the token is shown once,
    when the integration is created."""

    name = models.CharField(max_length=100, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, to tell tokens apart without keeping them.
    token_hint = models.CharField(max_length=12, editable=False)
    scopes = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IntegrationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes
