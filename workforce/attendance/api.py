"""The attendance JSON API, for badge readers and dialers.

Each integration signs in with its own token (``Authorization: Bearer …``),
created, scoped and revoked by a manager in the admin. A batch sent twice is
recorded once. The OpenAPI schema is at ``/api/attendance/openapi.json``;
there is no browsable docs page.
"""

import datetime
import hmac
from typing import Literal

from django.utils import timezone
from ninja import Field, NinjaAPI, Schema, Status
from ninja.security import HttpBearer
from pydantic import AwareDatetime

from .models import ClockEvent, Integration
from .models.integrations import WRITE_CLOCK_EVENTS, token_hash
from .services import ClockEventIn, clock_events_record

MOST_EVENTS = 5000
# ``last_used_at`` is written at most this often per integration: a dialer
# sending every few seconds would otherwise write a row per request.
LAST_USED_STEP = datetime.timedelta(minutes=1)


class IntegrationToken(HttpBearer):
    """An active integration's token; anything else answers 401."""

    def authenticate(self, request, token):
        digest = token_hash(token)
        integration = Integration.objects.active().filter(token_hash=digest).first()
        # The lookup is by hash; compare again in constant time all the same.
        if integration is None or not hmac.compare_digest(
            integration.token_hash, digest
        ):
            return None
        now = timezone.now()
        if not integration.last_used_at or now - integration.last_used_at > (
            LAST_USED_STEP
        ):
            Integration.objects.filter(pk=integration.pk).update(last_used_at=now)
        return integration


api = NinjaAPI(
    title="Deskbook attendance API",
    version="1",
    description="Clock events from badge readers and dialers.",
    urls_namespace="attendance_api",
    docs_url=None,
    openapi_url="/openapi.json",
    auth=IntegrationToken(),
)


class EventIn(Schema):
    staff_id: str = Field(
        min_length=1,
        max_length=32,
        description="The person's employee number or dialer agent id.",
    )
    kind: Literal["clock_in", "clock_out", "available", "not_ready"]
    at: AwareDatetime = Field(description="When, with its time zone or offset.")
    external_id: str = Field(
        default="", max_length=64, description="The sender's own id of the event."
    )


class BatchIn(Schema):
    events: list[EventIn] = Field(min_length=1, max_length=MOST_EVENTS)


class BatchOutcome(Schema):
    new: int = Field(description="Events recorded now.")
    duplicate: int = Field(description="Events recorded before, left as they were.")
    unknown_staff: list[str] = Field(
        description="Staff ids that name nobody: their events were not recorded."
    )


class Refusal(Schema):
    detail: str


@api.post(
    "/clock-events",
    response={200: BatchOutcome, 403: Refusal},
    summary="Record a batch of clock events",
)
def clock_events_post(request, batch: BatchIn):
    """Record the events; one sent before (same person, kind and moment) is
    counted as a duplicate and not written again. Needs the
    ``clock_events:write`` scope."""
    integration: Integration = request.auth
    if not integration.allows(WRITE_CLOCK_EVENTS):
        return Status(
            403, {"detail": f"This token lacks the {WRITE_CLOCK_EVENTS} scope."}
        )
    report = clock_events_record(
        events=[
            ClockEventIn(e.staff_id, e.kind, e.at, e.external_id) for e in batch.events
        ],
        source=ClockEvent.Source.API,
        integration=integration,
    )
    return Status(
        200,
        {
            "new": report.new,
            "duplicate": report.duplicate,
            "unknown_staff": report.unknown_staff,
        },
    )
