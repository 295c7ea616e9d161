"""Export benchmark: the outstanding-acknowledgements report as CSV and XLSX on
the large demo (1,000 staff), against the export as Wagtail builds it from
model instances, in one run.

    .venv/bin/python tests/bench/bench_exports.py [--repeats 3]

Seeds a scratch SQLite database with ``seed_demo --size large``, then times
each export through the report view (every row read and written, as a download
would) and prints rows, seconds, rows per second and the ratio to the baseline.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from wagtail.admin.views.reports import ReportView  # noqa: E402

from kb.selectors import outstanding_acknowledgements  # noqa: E402
from kb.viewsets import OutstandingAcknowledgementsView  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402

URL = "/admin/reports/kb/outstanding-acknowledgements/"


class InstanceExportView(OutstandingAcknowledgementsView):
    """The baseline, as Wagtail exports a report: the page context built first
    (counting every row with ``len()``, as model instances with the SOP page and
    the person), team names set on them, cells read by Wagtail's accessors."""

    def get(self, request, *args, **kwargs):
        return ReportView.get(self, request, *args, **kwargs)

    def to_row_dict(self, item):
        return ReportView.to_row_dict(self, item)


def download(view_class, user, export_format: str) -> tuple[bytes, float]:
    """(content, seconds) of one whole export, streamed to the end."""
    request = RequestFactory().get(URL, {"export": export_format})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    started = time.perf_counter()
    response = view_class.as_view()(request)
    assert response.status_code == 200, response.status_code
    content = b"".join(response)
    return content, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(machine_line())

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", size="large", verbosity=0, stdout=io.StringIO())
    print(f"Seeded the large demo in {time.perf_counter() - started:.1f}s")
    user = get_user_model().objects.create_superuser("bench", "bench@example.com")
    rows = outstanding_acknowledgements().count()
    print(f"{rows:,} outstanding acknowledgements\n")

    print(f"{'export':<8}{'design':<12}{'MB':>7}{'median s':>10}{'rows/s':>10}")
    results, csv_content = {}, {}
    for export_format in ("csv", "xlsx"):
        for name, view_class in (
            ("instances", InstanceExportView),
            ("values", OutstandingAcknowledgementsView),
        ):
            runs = [
                download(view_class, user, export_format) for _ in range(args.repeats)
            ]
            size = len(runs[0][0])
            if export_format == "csv":
                csv_content[name] = runs[0][0]
            seconds = statistics.median(s for _, s in runs)
            results[export_format, name] = seconds
            print(
                f"{export_format:<8}{name:<12}{size / 1e6:>7.1f}{seconds:>10.2f}"
                f"{rows / seconds:>10,.0f}"
            )
    same = csv_content["values"] == csv_content["instances"]
    print(f"\nCSV byte for byte the same from both designs: {'yes' if same else 'NO'}")
    print("values / instances (time):")
    for export_format in ("csv", "xlsx"):
        ratio = results[export_format, "values"] / results[export_format, "instances"]
        print(f"  {export_format:<5} {ratio:.2f}x")


if __name__ == "__main__":
    main()
