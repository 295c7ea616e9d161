from wagtail import hooks

from deskbook.core.hooks import TIMED_JOBS

HOUR = 60 * 60


@hooks.register(TIMED_JOBS)
def kpi_timed_jobs():
    # With no option the command rebuilds yesterday and the days touched by
    # calls and payments imported since its last run: hourly, so an import
    # shows in the KPIs within the hour; rebuilding a day twice is harmless.
    return [("build_kpi_facts", HOUR)]
