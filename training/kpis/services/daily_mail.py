"""The morning e-mail of yesterday's report to each team lead."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from training.kpis.daily_report import COLUMNS, FACT_COLUMNS, daily_report
from training.kpis.models import DailyReportMail, KpiSettings


def daily_report_mails_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail yesterday's report to every lead with an address who has not
    had it yet, once the configured time has passed; returns how many went."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.time() < KpiSettings.load().daily_report_time:
        return 0
    day = local.date() - datetime.timedelta(days=1)
    leads = (
        get_user_model()
        .objects.filter(
            is_active=True, staff_profile__led_teams__isnull=False, email__gt=""
        )
        .exclude(pk__in=DailyReportMail.objects.filter(day=day).values("lead_id"))
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for lead in leads:
        try:
            with transaction.atomic():
                DailyReportMail.objects.create(lead=lead, day=day, sent_at=now)
                daily_report_message(lead=lead, day=day).send()
        except IntegrityError:  # another runner sent it first
            continue
        sent += 1
    return sent


def daily_report_message(*, lead, day: datetime.date) -> EmailMultiAlternatives:
    """The e-mail of ``day``'s report for ``lead``'s teams: a plain-text
    body with an HTML alternative, from ``kpis/mail/daily_report.*``."""
    by_team: dict[str, list] = {}
    for line in daily_report(viewer=lead, day=day):
        by_team.setdefault(line.team, []).append(
            {
                "collector": line.collector,
                "is_team_total": line.is_team_total,
                "totals": line.totals,
                "figures": [getattr(line.totals, key) for key in FACT_COLUMNS],
            }
        )
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    context = {
        "day": day,
        "teams": [{"name": name, "lines": lines} for name, lines in by_team.items()],
        "headings": ["Collector", *(heading for _, heading in COLUMNS[2:])],
        "link": base + reverse("kpis:daily_report") + f"?day={day}",
    }
    message = EmailMultiAlternatives(
        subject=f"KPI report for {day:%A %d %B %Y}",
        body=render_to_string("kpis/mail/daily_report.txt", context),
        to=[lead.email],
    )
    message.attach_alternative(
        render_to_string("kpis/mail/daily_report.html", context), "text/html"
    )
    return message
