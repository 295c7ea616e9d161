"""An upload of a call log or payments, imported in the background: the job
row records who asked, the file, and its progress for the page that follows
it."""

from django.db import transaction
from django.utils import timezone

from ..models import ImportJob
from .call_import import import_calls
from .log_import import LogImportFailed
from .payment_import import import_payments

IMPORTERS = {
    ImportJob.Kind.CALLS: import_calls,
    ImportJob.Kind.PAYMENTS: import_payments,
}
# The job keeps this many problems to show; the count says how many there were.
KEPT_PROBLEMS = 1000


def import_job_start(*, kind: str, upload, dry_run: bool, user) -> ImportJob:
    """Store the upload and queue its import once the job row is committed."""
    from ..tasks import run_import_job  # the task module imports this one

    job = ImportJob(kind=kind, filename=upload.name, dry_run=dry_run, created_by=user)
    job.file.save(upload.name, upload, save=False)
    job.save()
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued job's import, recording its state as it goes: checking,
    writing (with the number of rows), then done with the counts or failed
    with every problem (the first ``KEPT_PROBLEMS`` kept)."""
    job = ImportJob.objects.get(pk=job_id)
    job.state = ImportJob.State.CHECKING
    job.save(update_fields=["state"])

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.WRITING, rows=total, written=done
        )

    try:
        with job.file.open("rb") as source:
            report = IMPORTERS[job.kind](
                source=source,
                filename=job.filename,
                dry_run=job.dry_run,
                progress=progress,
            )
    except LogImportFailed as failure:
        job.state = ImportJob.State.FAILED
        job.problem_count = len(failure.problems)
        job.problems = [
            {"row": p.row, "column": p.column, "message": p.message}
            for p in failure.problems[:KEPT_PROBLEMS]
        ]
        job.unknown_collectors = failure.unknown_collectors
    else:
        job.state = ImportJob.State.DONE
        job.rows = job.written = report.rows
        job.new, job.updated = report.new, report.updated
        job.duplicate = report.duplicate
    job.finished_at = timezone.now()
    job.save()
    return job
