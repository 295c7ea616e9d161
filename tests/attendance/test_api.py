"""The clock events API: tokens, scopes, idempotency, unknown people."""

import datetime
import json

import pytest
from django.utils import timezone

from tests.attendance.factories import IntegrationFactory
from tests.workforce.factories import StaffFactory
from workforce.attendance.models import ClockEvent, Integration

URL = "/api/attendance/clock-events"
UTC = datetime.UTC

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    StaffFactory(employee_number="E100", dialer_agent_id="AG-7")
    return IntegrationFactory(name="reader")  # its token is "token-reader"


BATCH = {
    "events": [
        {"staff_id": "E100", "kind": "clock_in", "at": "2026-03-02T07:00:00+08:00"},
        {"staff_id": "AG-7", "kind": "clock_out", "at": "2026-03-02T08:00:00Z"},
    ]
}


def send(client, body=BATCH, token="token-reader"):  # noqa: S107 - a test token
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", **headers
    )


def test_a_batch_is_recorded_and_sent_again_is_recorded_once(client, reader):
    first = send(client)
    assert first.status_code == 200
    assert first.json() == {"new": 2, "duplicate": 0, "unknown_staff": []}
    again = send(client)
    assert again.json() == {"new": 0, "duplicate": 2, "unknown_staff": []}
    assert list(
        ClockEvent.objects.values_list("kind", "at", "source", "integration")
    ) == [
        (
            "clock_in",
            datetime.datetime(2026, 3, 1, 23, 0, tzinfo=UTC),
            "api",
            reader.pk,
        ),
        (
            "clock_out",
            datetime.datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
            "api",
            reader.pk,
        ),
    ]


def test_unknown_people_are_listed(client, reader):
    body = {
        "events": [
            *BATCH["events"],
            {"staff_id": "X9", "kind": "clock_in", "at": "2026-03-02T07:00:00Z"},
        ]
    }
    assert send(client, body).json() == {
        "new": 2,
        "duplicate": 0,
        "unknown_staff": ["X9"],
    }


def test_no_token_is_401(client, reader):
    assert send(client, token=None).status_code == 401
    assert not ClockEvent.objects.exists()


def test_a_wrong_token_is_401(client, reader):
    assert send(client, token="token-someone").status_code == 401


def test_a_revoked_token_is_401(client, reader):
    reader.revoked_at = timezone.now()
    reader.save()
    assert send(client).status_code == 401
    assert not ClockEvent.objects.exists()


def test_a_token_without_the_scope_is_403(client, reader):
    IntegrationFactory(name="reports", scopes=[])
    response = send(client, token="token-reports")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "This token lacks the clock_events:write scope."
    }
    assert not ClockEvent.objects.exists()


def test_using_a_token_is_noted(client, reader, frozen_time):
    now = frozen_time("2026-03-02 09:00")
    send(client)
    assert Integration.objects.get().last_used_at == now


@pytest.mark.parametrize(
    "body",
    [
        {"events": []},
        {"events": [{"staff_id": "E100", "kind": "lunch", "at": "2026-03-02T07:00Z"}]},
        # No time zone: refused, not guessed.
        {
            "events": [
                {"staff_id": "E100", "kind": "clock_in", "at": "2026-03-02T07:00"}
            ]
        },
        {"nothing": 1},
    ],
)
def test_a_bad_batch_is_422_and_writes_nothing(client, reader, body):
    assert send(client, body).status_code == 422
    assert not ClockEvent.objects.exists()


def test_the_schema_is_published_and_there_is_no_docs_page(client, db):
    schema = client.get("/api/attendance/openapi.json")
    assert schema.status_code == 200
    document = schema.json()
    assert list(document["paths"]) == ["/api/attendance/clock-events"]
    assert document["components"]["securitySchemes"] == {
        "IntegrationToken": {"type": "http", "scheme": "bearer"}
    }
    assert client.get("/api/attendance/docs", follow=True).status_code == 404
