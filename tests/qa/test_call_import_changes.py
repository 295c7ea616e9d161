"""What a re-import records for the days its updates touched: the old and
the new agency-local day of a changed call, its old and new promised date,
a changed payment's old and new date, each with the account; nothing for a
file recorded as it is, nothing on a dry run."""

import datetime

import pytest

from tests.qa.test_call_import import HEADER, people, write  # noqa: F401
from training.qa.models import LogChange
from training.qa.services import import_calls, import_payments

pytestmark = pytest.mark.django_db

D = datetime.date
CALLS = HEADER + (
    "C1,E100,ACC-A,1-30,,2026-03-02 09:00,30,outbound,no answer,,,\n"
    "C2,E100,ACC-B,1-30,,2026-03-02 10:00,95,outbound,Promise to pay,"
    "250.00,2026-03-09,rec/2\n"
    "C3,E200,ACC-C,1-30,,2026-03-05 10:00,0,outbound,busy,,,\n"
    "C4,E200,ACC-D,1-30,,2026-03-05 11:00,60,inbound,RPC,,,\n"
)


def changes():
    return set(LogChange.objects.values_list("day", "account_reference"))


@pytest.mark.usefixtures("people")
def test_a_changed_call_records_its_old_and_new_days_and_promised_dates(tmp_path):
    path = write(tmp_path, CALLS)
    import_calls(source=path, filename=path.name)
    assert changes() == set()  # new calls are found by their keys
    changed = (
        CALLS.replace(  # C1 becomes a promise
            "C1,E100,ACC-A,1-30,,2026-03-02 09:00,30,outbound,no answer,,,",
            "C1,E100,ACC-A,1-30,,2026-03-02 09:00,30,outbound,PTP,80,2026-03-06,",
        )
        .replace(  # C2's promise moves to the 11th
            "250.00,2026-03-09", "250.00,2026-03-11"
        )
        .replace(  # C3 moves to 00:30 on the 4th, still the 3rd in UTC
            "C3,E200,ACC-C,1-30,,2026-03-05 10:00",
            "C3,E200,ACC-C,1-30,,2026-03-04 00:30",
        )
    )
    path = write(tmp_path, changed, "changed.csv")
    report = import_calls(source=path, filename=path.name)
    assert (report.updated, report.duplicate) == (3, 1)
    assert changes() == {
        (D(2026, 3, 2), "ACC-A"),
        (D(2026, 3, 6), "ACC-A"),
        (D(2026, 3, 2), "ACC-B"),
        (D(2026, 3, 9), "ACC-B"),
        (D(2026, 3, 11), "ACC-B"),
        (D(2026, 3, 5), "ACC-C"),
        (D(2026, 3, 4), "ACC-C"),
    }
    # Once each: C2's day appears once though both its sides give it.
    assert LogChange.objects.count() == 7

    recorded = LogChange.objects.count()
    again = import_calls(source=path, filename=path.name)
    assert again.duplicate == 4
    assert LogChange.objects.count() == recorded


@pytest.mark.usefixtures("people")
def test_a_dry_run_records_no_change(tmp_path):
    path = write(tmp_path, CALLS)
    import_calls(source=path, filename=path.name)
    moved = write(tmp_path, CALLS.replace("2026-03-05 11:00", "2026-03-06 11:00"))
    report = import_calls(source=moved, filename=moved.name, dry_run=True)
    assert report.updated == 1
    assert changes() == set()
    import_calls(source=moved, filename=moved.name)
    assert changes() == {(D(2026, 3, 5), "ACC-D"), (D(2026, 3, 6), "ACC-D")}


def test_a_changed_payment_records_its_old_and_new_dates_with_its_accounts(
    tmp_path,
):
    header = "payment_id,account,amount,date\n"
    path = write(
        tmp_path,
        header + "P1,ACC-A,100.00,2026-03-05\nP2,ACC-B,50.00,2026-03-06\n"
        "P3,ACC-C,70.00,2026-03-07\n",
        "payments.csv",
    )
    import_payments(source=path, filename=path.name)
    changed = write(
        tmp_path,
        # P1 moves to the 8th; P2 was for another account; P3 as it was.
        header + "P1,ACC-A,100.00,2026-03-08\nP2,ACC-E,50.00,2026-03-06\n"
        "P3,ACC-C,70.00,2026-03-07\n",
        "changed.csv",
    )
    report = import_payments(source=changed, filename=changed.name)
    assert (report.updated, report.duplicate) == (2, 1)
    assert changes() == {
        (D(2026, 3, 5), "ACC-A"),
        (D(2026, 3, 8), "ACC-A"),
        (D(2026, 3, 6), "ACC-B"),
        (D(2026, 3, 6), "ACC-E"),
    }
    assert import_payments(source=changed, filename=changed.name).duplicate == 3
    assert LogChange.objects.count() == 4
