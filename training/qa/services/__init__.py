"""Writes of quality assurance: the call-log and payment imports."""

from .call_import import import_calls
from .log_import import LogImportFailed, LogImportReport
from .payment_import import import_payments

__all__ = ["LogImportFailed", "LogImportReport", "import_calls", "import_payments"]
