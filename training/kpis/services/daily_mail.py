"""The morning e-mail of yesterday's report to each team lead."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from training.kpis.daily_report import COLUMNS, daily_report
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
                send_mail(
                    f"KPI report for {day:%A %d %B %Y}",
                    _body(lead, day),
                    None,
                    [lead.email],
                )
        except IntegrityError:  # another runner sent it first
            continue
        sent += 1
    return sent


def _body(lead, day) -> str:
    lines = daily_report(viewer=lead, day=day)
    headings = [heading for _, heading in COLUMNS]
    rows = ["\t".join(headings)]
    rows += [
        "\t".join(str(value) for value in line.as_dict().values()) for line in lines
    ]
    if not lines:
        rows.append("No facts for your teams on this day.")
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    link = base + reverse("kpis:daily_report") + f"?day={day}"
    return "\n".join(
        [
            f"Yesterday's figures for your teams ({day}).",
            "",
            *rows,
            "",
            f"On the site: {link}",
        ]
    )
