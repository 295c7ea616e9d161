"""E-mail yesterday's KPI report to each team lead, once, after the time set
in the KPI settings (run every quarter hour by ``run_timed_jobs``)."""

from django.core.management.base import BaseCommand

from training.kpis.services.daily_mail import daily_report_mails_send


class Command(BaseCommand):
    help = "E-mail yesterday's KPI report to each team lead who has not had it."

    def handle(self, *args, **options):
        sent = daily_report_mails_send()
        self.stdout.write(f"Daily KPI report sent to {sent} lead(s).")
