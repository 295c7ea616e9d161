"""The daily report: a lead's teams' collectors and team totals for a day,
the export, the dashboard panel, and the morning e-mail sent once per lead
after the configured time."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from training.kpis.models import KpiSettings
from training.kpis.services import facts_rebuild
from training.kpis.services.daily_mail import daily_report_mails_send


@pytest.fixture
def reported(kpi_week):
    facts_rebuild(
        days=[datetime.date(2026, 3, 1) + datetime.timedelta(days=n) for n in range(9)]
    )
    return kpi_week


def report_rows(client, day):
    response = client.get(reverse("kpis:daily_report") + f"?day={day}&export=csv")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode().splitlines()


def test_a_leads_report_lists_their_collectors_and_the_team_total(client, reported):
    client.force_login(reported["lead"])
    assert report_rows(client, "2026-03-02") == [
        "Team,Collector,Attempts,Right-party contacts,Promises,Amount promised,"
        "Payments received,Hours worked,QA critical fails,Contact-rule breaches",
        "Desk early,Nur Aisyah binti Ahmad,4,2,1,500.00,0.00,9.00,0,1",
        "Desk early,Wei Ming Tan,0,0,0,0.00,0.00,0.00,0,0",
        "Desk early,Team total,4,2,1,500.00,0.00,9.00,0,1",
    ]


def test_a_lead_sees_only_their_teams_on_the_day(client, reported):
    # On the 5th Wei was in Desk late: the Desk early lead no longer sees him.
    client.force_login(reported["lead"])
    assert [row.split(",")[1] for row in report_rows(client, "2026-03-05")[1:]] == [
        "Nur Aisyah binti Ahmad",
        "Team total",
    ]
    client.force_login(reported["other_lead"])
    assert report_rows(client, "2026-03-05")[1:] == [
        "Desk late,Wei Ming Tan,1,0,0,0.00,0.00,0.00,0,0",
        "Desk late,Team total,1,0,0,0.00,0.00,0.00,0,0",
    ]


def test_a_collector_gets_403_from_the_daily_report(client, reported):
    client.force_login(reported["aisyah_user"])
    assert client.get(reverse("kpis:daily_report")).status_code == 403


def test_the_leads_dashboard_shows_yesterdays_team_totals(
    client, reported, frozen_time
):
    frozen_time("2026-03-03 08:00")
    client.force_login(reported["lead"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-panel="kpi-daily-report"' in page
    assert '<th scope="row">Desk early</th><td>4</td><td>2</td>' in page
    client.force_login(reported["aisyah_user"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-panel="kpi-daily-report"' not in page


def test_each_lead_is_mailed_once_after_the_time_set(reported, frozen_time):
    settings = KpiSettings.load()
    settings.daily_report_time = datetime.time(7, 30)
    settings.save()
    assert daily_report_mails_send(now=frozen_time("2026-03-03 07:29")) == 0
    assert daily_report_mails_send(now=frozen_time("2026-03-03 07:30")) == 2
    assert daily_report_mails_send(now=frozen_time("2026-03-03 09:00")) == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lead@example.com",
        "other-lead@deskbook.example",
    ]
    message = next(m for m in mail.outbox if m.to == ["lead@example.com"])
    assert message.subject == "KPI report for Monday 02 March 2026"
    assert "Team total: attempts 4, right-party contacts 2, promises 1" in (
        message.body
    )


def test_each_lead_is_mailed_their_own_teams_numbers_in_text_and_html(
    reported, frozen_time
):
    assert daily_report_mails_send(now=frozen_time("2026-03-03 08:00")) == 2
    mails = {message.to[0]: message for message in mail.outbox}
    lead = mails["lead@example.com"]
    html, kind = lead.alternatives[0]
    assert kind == "text/html"
    # Monday 2 March, Desk early: Aisyah's 4 attempts, 2 right-party
    # contacts, 1 promise of 500.00, 9 hours, 1 breach; Wei's shift alone.
    assert lead.body.splitlines()[2:6] == [
        "Desk early",
        "  Nur Aisyah binti Ahmad: attempts 4, right-party contacts 2, promises 1 "
        "(500.00 promised), received 0.00, hours 9.00, QA critical fails 0, "
        "contact-rule breaches 1",
        "  Wei Ming Tan: attempts 0, right-party contacts 0, promises 0 "
        "(0.00 promised), received 0.00, hours 0.00, QA critical fails 0, "
        "contact-rule breaches 0",
        "  Team total: attempts 4, right-party contacts 2, promises 1 "
        "(500.00 promised), received 0.00, hours 9.00, QA critical fails 0, "
        "contact-rule breaches 1",
    ]
    cells = [cell.split(">")[-1] for cell in html.split("</td>") if "<td" in cell]
    assert cells[:9] == [
        "Nur Aisyah binti Ahmad", "4", "2", "1", "500.00", "0.00", "9.00", "0", "1"
    ]  # fmt: skip
    assert "/admin/kpis/daily/?day=2026-03-02" in html
    assert "Desk late" not in lead.body + html
    # Desk late's lead: nobody of theirs worked on the 2nd (Wei joined on the 4th).
    other = mails["other-lead@deskbook.example"]
    assert "No facts for your teams on this day." in other.body
    assert "Nur Aisyah" not in other.body + other.alternatives[0][0]
