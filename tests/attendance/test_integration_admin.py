"""Integrations in the admin: created by managers, the token shown once."""

import json
import re

import pytest

from workforce.attendance.models import Integration
from workforce.attendance.models.integrations import token_hash

INTEGRATIONS = "/admin/workforce/integrations/"
ADD = INTEGRATIONS + "new/"


@pytest.fixture
def manager_client(client, floor):
    client.force_login(floor["manager"])
    return client


def test_a_manager_creates_an_integration_and_sees_its_token_once(manager_client):
    response = manager_client.post(
        ADD, {"name": "Badge reader, floor 3", "scopes": ["clock_events:write"]}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = re.search(r'class="integration-token">([^<]+)<', response.text).group(1)
    integration = Integration.objects.get()
    assert integration.scopes == ["clock_events:write"]
    assert integration.token_hash == token_hash(token)
    assert token not in json.dumps(list(Integration.objects.values()), default=str)
    # The listing shows only the token's start.
    listing = manager_client.get(INTEGRATIONS).text
    assert "Badge reader, floor 3" in listing
    assert token not in listing
    assert token[:10] in listing
    # And the token works.
    sent = manager_client.post(
        "/api/attendance/clock-events",
        data=json.dumps({"events": []}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert sent.status_code == 422  # signed in; the empty batch is refused


def test_a_name_in_use_is_a_form_error(manager_client):
    manager_client.post(ADD, {"name": "Dialer", "scopes": ["clock_events:write"]})
    response = manager_client.post(ADD, {"name": "Dialer"})
    assert response.status_code == 200
    assert "Integration with this Name already exists." in response.text
    assert Integration.objects.count() == 1


def test_a_manager_revokes_a_token(manager_client):
    manager_client.post(ADD, {"name": "Dialer", "scopes": ["clock_events:write"]})
    integration = Integration.objects.get()
    url = f"{INTEGRATIONS}revoke/{integration.pk}/"
    assert manager_client.get(url).status_code == 200
    assert manager_client.post(url).status_code == 302
    integration.refresh_from_db()
    assert integration.revoked_at is not None


@pytest.mark.parametrize("person", ["lead", "aisyah_user"])
def test_others_are_refused_integrations(client, floor, person):
    integration = Integration.objects.create(name="Dialer", token_hash="x" * 64)
    client.force_login(floor[person])
    assert client.get(INTEGRATIONS).status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.post(f"{INTEGRATIONS}revoke/{integration.pk}/").status_code == 403
    assert Integration.objects.get().revoked_at is None
