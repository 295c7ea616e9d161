import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from deskbook.core.roles import (
    COLLECTOR,
    EDITOR,
    MANAGER,
    QA_ANALYST,
    TEAM_LEAD,
    TRAINER,
)
from deskbook.enquiries.models import Enquiry, Topic
from deskbook.enquiries.services import enquiry_submit

INDEX = "/admin/enquiries/"
HANDLING_ROLES = [EDITOR, MANAGER]
OTHER_ROLES = [COLLECTOR, TEAM_LEAD, TRAINER, QA_ANALYST]


@pytest.fixture
def enquiry(site_tree) -> Enquiry:
    return enquiry_submit(
        name="Tan Wei Jie",
        email="weijie@example.com",
        topic=Topic.COMPLAINT,
        message="Your collector called my office and told a colleague about it.",
        account_reference="DB-2024-097311",
    )


def csv_body(response) -> str:
    return b"".join(response.streaming_content).decode()


def urls_for(enquiry) -> list[str]:
    return [
        INDEX,
        f"{INDEX}inspect/{enquiry.pk}/",
        f"{INDEX}edit/{enquiry.pk}/",
        f"{INDEX}?export=csv",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", HANDLING_ROLES)
def test_editors_and_managers_list_inspect_and_export_enquiries(
    client_as, enquiry, role
):
    client = client_as(role)
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert "Tan Wei Jie" in listing.content.decode()
    assert enquiry.reference in listing.content.decode()

    inspect = client.get(f"{INDEX}inspect/{enquiry.pk}/")
    assert inspect.status_code == 200
    html = inspect.content.decode()
    assert "told a colleague" in html
    assert "A complaint" in html

    export = client.get(INDEX, {"export": "csv"})
    assert export.status_code == 200
    assert "enquiries.csv" in export["Content-Disposition"]
    body = csv_body(export)
    assert body.splitlines()[0].startswith("Reference,Received,Status,About,Name")
    assert "Tan Wei Jie" in body
    assert "DB-2024-097311" in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_cannot_see_enquiries(client_as, enquiry, role):
    client = client_as(role)
    for url in urls_for(enquiry):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert b"Enquiries" not in client.get("/admin/").content


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client, enquiry):
    for url in urls_for(enquiry):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", HANDLING_ROLES)
def test_enquiries_are_in_the_admin_menu_for_those_who_handle_them(
    client_as, enquiry, role
):
    html = client_as(role).get("/admin/").content.decode()
    assert INDEX in html
    assert "New enquiries (1)" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", HANDLING_ROLES)
def test_status_and_notes_can_be_changed_but_not_the_enquiry(client_as, enquiry, role):
    client = client_as(role)
    response = client.post(
        f"{INDEX}edit/{enquiry.pk}/",
        {
            "status": Enquiry.Status.IN_PROGRESS,
            "staff_notes": "Called back; passed to Operations.",
            "message": "Tampered with",
            "name": "Someone else",
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.IN_PROGRESS
    assert enquiry.staff_notes == "Called back; passed to Operations."
    assert enquiry.name == "Tan Wei Jie"
    assert "told a colleague" in enquiry.message


@pytest.mark.django_db
def test_nobody_adds_enquiries_in_the_admin_and_only_managers_delete(
    client_as, enquiry
):
    editor = client_as(EDITOR)
    assert editor.get(f"{INDEX}new/").status_code in (302, 403)
    assert editor.get(f"{INDEX}delete/{enquiry.pk}/").status_code in (302, 403)
    manager = client_as(MANAGER)
    assert manager.get(f"{INDEX}new/").status_code in (302, 403)
    assert manager.post(f"{INDEX}delete/{enquiry.pk}/").status_code == 302
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_list_filters_by_topic_status_and_date(client_as, enquiry):
    press = enquiry_submit(
        name="Rachel Koh",
        email="rachel@example.com",
        topic=Topic.PRESS,
        message="A reporter asking about impersonation scams.",
    )
    Enquiry.objects.filter(pk=press.pk).update(
        status=Enquiry.Status.CLOSED,
        created_at=timezone.now() - datetime.timedelta(days=30),
    )
    client = client_as(MANAGER)

    def names(**params) -> set[str]:
        html = client.get(INDEX, params).content.decode()
        return {name for name in ("Tan Wei Jie", "Rachel Koh") if name in html}

    assert names() == {"Tan Wei Jie", "Rachel Koh"}
    assert names(topic=Topic.PRESS) == {"Rachel Koh"}
    assert names(status=Enquiry.Status.NEW) == {"Tan Wei Jie"}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert names(created_at_from=since) == {"Tan Wei Jie"}


@pytest.mark.django_db
def test_newest_enquiries_are_listed_first(client_as, enquiry):
    newer = enquiry_submit(
        name="Priya Ramasamy",
        email="priya@example.com",
        topic=Topic.DEBT,
        message="Could I pay by monthly instalments?",
    )
    html = client_as(EDITOR).get(INDEX).content.decode()
    assert html.index(newer.reference) < html.index(enquiry.reference)


@pytest.mark.django_db
def test_search_finds_by_text_and_by_reference(client_as, enquiry):
    client = client_as(EDITOR)
    assert "Tan Wei Jie" in client.get(INDEX, {"q": "colleague"}).content.decode()
    assert "Tan Wei Jie" not in client.get(INDEX, {"q": "lottery"}).content.decode()
    by_reference = client.get(INDEX, {"q": enquiry.reference.lower()})
    assert "Tan Wei Jie" in by_reference.content.decode()


@pytest.mark.django_db
def test_export_as_xlsx_has_local_times(client_as, enquiry):
    response = client_as(MANAGER).get(INDEX, {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Reference", "Received", "Status")
    assert rows[1][0] == enquiry.reference
    local = timezone.localtime(enquiry.created_at).replace(tzinfo=None)
    assert abs(rows[1][1] - local) < datetime.timedelta(seconds=1)


@pytest.mark.django_db
def test_csv_export_does_not_let_a_message_become_a_formula(client_as, site_tree):
    enquiry_submit(
        name='=HYPERLINK("http://evil.example")',
        email="mallory@example.com",
        topic=Topic.OTHER,
        message="=1+2 and some more text",
    )
    body = csv_body(client_as(MANAGER).get(INDEX, {"export": "csv"}))
    assert "'=1+2 and some more text" in body
    assert "'=HYPERLINK" in body


@pytest.mark.django_db
def test_inspect_shows_times_in_the_agency_time_zone(client_as, enquiry, settings):
    settings.TIME_ZONE = "Asia/Singapore"
    received = datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC)
    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=received)
    html = client_as(EDITOR).get(f"{INDEX}inspect/{enquiry.pk}/").content.decode()
    assert "2 March 2026, 09:30" in html
    assert "Not sent" in html


@pytest.fixture
def held(site_tree) -> Enquiry:
    return enquiry_submit(
        name="Quick Filler",
        email="quick@example.com",
        topic=Topic.DEBT,
        message="Sent with autofill two seconds after opening the page.",
        held_because="Held as suspected spam: sent 1.2 seconds after the form …",
    )


@pytest.mark.django_db
def test_held_enquiries_are_listed_as_held_and_can_be_filtered(
    client_as, enquiry, held
):
    client = client_as(EDITOR)
    listing = client.get(INDEX).content.decode()
    assert held.reference in listing
    assert "Held: suspected spam" in listing

    only_held = client.get(INDEX, {"status": "held"}).content.decode()
    assert "Quick Filler" in only_held
    assert "Tan Wei Jie" not in only_held
    assert "Quick Filler" not in client.get(INDEX, {"status": "new"}).content.decode()

    inspect = client.get(f"{INDEX}inspect/{held.pk}/").content.decode()
    assert "Not sent: held as suspected spam" in inspect
    assert "sent 1.2 seconds after the form" in inspect


@pytest.mark.django_db
def test_dashboard_counts_held_enquiries_apart_from_new_ones(client_as, enquiry, held):
    html = client_as(MANAGER).get("/admin/").content.decode()
    assert "New enquiries (1)" in html
    assert f'href="{INDEX}?status=held">1 held as suspected spam</a>' in html


@pytest.mark.django_db
def test_a_held_enquiry_released_by_staff_is_handled_as_usual(client_as, held):
    response = client_as(EDITOR).post(
        f"{INDEX}edit/{held.pk}/",
        {"status": Enquiry.Status.NEW, "staff_notes": "A person: released."},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Enquiry.Status.NEW
    assert list(Enquiry.objects.new()) == [held]
