"""An expired compliance certificate is flagged on the person's record, on
the lead's plan grid and on the intraday board, through people's
``workforce_person_flags`` hook."""

import datetime

import pytest

from tests.courses.factories import CourseFactory
from tests.courses.test_refreshers import certify
from workforce.people.hooks import person_flags

D = datetime.date


@pytest.fixture
def lapsed(training):
    """Aisyah's disclosure certificate (compliance) expired on 26 February
    2026, the day before the fixture's Friday; Wei's product certificate
    expired too, but product courses do not lapse anyone."""
    certify(
        training, training["aisyah"], training["course"], D(2025, 2, 26), D(2026, 2, 26)
    )
    product = CourseFactory(code="negotiation", title="Negotiation", kind="product")
    certify(training, training["wei"], product, D(2025, 1, 10), D(2026, 1, 10))
    return training


def test_the_hook_names_the_lapsed_compliance_courses(lapsed):
    ids = [lapsed["aisyah"].pk, lapsed["wei"].pk]
    flags = person_flags(ids, D(2026, 2, 27))
    assert list(flags) == [lapsed["aisyah"].pk]
    (flag,) = flags[lapsed["aisyah"].pk]
    assert (flag.label, flag.detail) == (
        "Compliance training lapsed",
        "Disclosure and verification",
    )
    assert person_flags(ids, D(2026, 2, 26)) == {}


def test_the_persons_record_shows_the_lapse(client, lapsed):
    client.force_login(lapsed["lead"])
    html = client.get(f"/admin/workforce/staff/inspect/{lapsed['aisyah'].pk}/").text
    flags = html.split("data-person-flags", 1)[1].split("</div>", 1)[0]
    assert "Compliance training lapsed" in flags
    assert "Disclosure and verification" in flags
    wei = client.get(f"/admin/workforce/staff/inspect/{lapsed['wei'].pk}/").text
    assert "data-person-flags" not in wei


def test_the_leads_plan_grid_shows_the_lapse_by_the_name(client, lapsed):
    client.force_login(lapsed["lead"])
    html = client.get("/admin/workforce/shift-plan/desk-early/").text
    row = html.split("binti Ahmad", 1)[1].split("</th>", 1)[0]
    assert "data-person-flag" in row and "Compliance training lapsed" in row
    wei_row = html.split("Wei Ming Tan", 1)[1].split("</th>", 1)[0]
    assert "data-person-flag" not in wei_row


def test_the_intraday_board_shows_the_lapse(client, lapsed):
    client.force_login(lapsed["lead"])
    html = client.get("/admin/workforce/intraday/").text
    flagged = html.split("data-flagged", 1)[1].split("</p>", 1)[0]
    assert "Nur Aisyah binti Ahmad" in flagged
    assert "Disclosure and verification" in flagged
    assert "Wei Ming" not in flagged
