"""Writes of quality assurance: the call-log and payment imports, run from
the command line or, uploaded, as a background job."""

from .call_import import import_calls
from .import_jobs import import_job_run, import_job_start
from .log_import import LogImportFailed, LogImportReport
from .payment_import import import_payments

__all__ = [
    "LogImportFailed",
    "LogImportReport",
    "import_calls",
    "import_job_run",
    "import_job_start",
    "import_payments",
]
