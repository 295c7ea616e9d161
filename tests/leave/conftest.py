import datetime
from decimal import Decimal

import pytest

from tests.leave.factories import AllocationFactory, LeaveTypeFactory
from tests.scheduling import conftest as planning

# Shift planning's fixtures: a desk team with its people, shift types and a
# way to publish shifts.
desk, floor, publish = planning.desk, planning.floor, planning.publish


@pytest.fixture
def leave(floor):
    """The desk of ``floor`` (Friday 27 February 2026, 09:00) with annual
    leave (7 days' notice), sick leave (a certificate) and unpaid leave (no
    balance); Aisyah has 14 days of annual leave and 14 of sick leave in
    2026."""
    annual = LeaveTypeFactory(name="Annual leave", code="AL", notice_days=7)
    sick = LeaveTypeFactory(name="Sick leave", code="SL", needs_document=True)
    unpaid = LeaveTypeFactory(
        name="Unpaid leave", code="UL", paid=False, needs_balance=False
    )
    return {
        **floor,
        "annual": annual,
        "sick": sick,
        "unpaid": unpaid,
        "aisyah_annual": AllocationFactory(
            staff=floor["aisyah"], leave_type=annual, granted=Decimal("14")
        ),
        "aisyah_sick": AllocationFactory(
            staff=floor["aisyah"], leave_type=sick, granted=Decimal("14")
        ),
    }


@pytest.fixture
def ask(leave):
    """``ask(**fields)``: Aisyah asks for annual leave, Mon 9 – Fri 13 March
    2026, unless the fields say otherwise."""
    from workforce.leave.services import leave_request_submit

    def submit(**fields):
        values = {
            "staff": leave["aisyah"],
            "leave_type": leave["annual"],
            "first_day": datetime.date(2026, 3, 9),
            "last_day": datetime.date(2026, 3, 13),
            "by": leave["aisyah_user"],
        }
        return leave_request_submit(**(values | fields))

    return submit


@pytest.fixture
def moved(leave):
    """Aisyah moves from Desk early to Desk late on Thursday 12 March 2026."""
    from workforce.people.services import staff_move

    return staff_move(
        staff=leave["aisyah"],
        team=leave["other"],
        effective_on=datetime.date(2026, 3, 12),
        reason="Needed on lates",
        by=leave["manager"],
    )


@pytest.fixture
def menu_labels(rf):
    """``menu_labels(menu, user)``: the labels of a Wagtail menu's items that
    ``user`` sees (viewsets hook their items in as the admin's URLs load)."""
    from django.urls import reverse

    def labels(menu, user) -> list[str]:
        request = rf.get(reverse("wagtailadmin_home"))
        request.user = user
        return [str(item.label) for item in menu.menu_items_for_request(request)]

    return labels
