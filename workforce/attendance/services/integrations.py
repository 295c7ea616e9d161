from django.db import transaction
from django.utils import timezone

from ..models import Integration
from ..models.integrations import token_hash, token_new


def integration_create(*, name: str, scopes: list[str], by) -> tuple[Integration, str]:
    """A new integration and its token, which is shown this once: only its
    hash is kept."""
    token = token_new()
    integration = Integration(
        name=name.strip(),
        scopes=sorted(set(scopes)),
        token_hash=token_hash(token),
        token_hint=token[:10],
        created_by=by,
    )
    with transaction.atomic():
        integration.full_clean()
        integration.save()
    return integration, token


def integration_revoke(*, integration: Integration) -> Integration:
    """The integration's token no longer signs in; its past events stay."""
    if integration.revoked_at is None:
        integration.revoked_at = timezone.now()
        integration.save(update_fields=["revoked_at"])
    return integration
