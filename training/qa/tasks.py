"""Background work of quality assurance (django-tasks): the queue's database
backend and ``manage.py db_worker`` run it beside the server."""

from django_tasks import task

from .services.import_jobs import import_job_run


@task()
def run_import_job(job_id: int) -> None:
    """Import an uploaded call log or payments file (an ``ImportJob``)."""
    import_job_run(job_id=job_id)
