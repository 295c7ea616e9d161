"""Agents and headcount per interval from inbound calls and outbound work;
expected values by hand."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from workforce.attendance.staffing.demand import (
    BucketStrategy,
    PortfolioSlice,
    outbound_workload,
)
from workforce.attendance.staffing.requirement import (
    ServiceTarget,
    interval_requirements,
    outbound_agents_required,
)

AGENCY = ZoneInfo("Asia/Singapore")


def at(hour, minute=0):
    return datetime.datetime(2026, 11, 30, hour, minute, tzinfo=AGENCY)


def test_each_interval_adds_inbound_and_outbound_then_shrinkage():
    rows = interval_requirements(
        inbound_calls={at(9): 100, at(9, 30): 0},
        inbound_handle_seconds=180,
        outbound_workload={at(9): 7650, at(10): 3060},
        target=ServiceTarget(
            service_level=0.8,
            answer_within_seconds=20,
            max_occupancy=0.85,
            shrinkage=0.3,
        ),
    )
    summary = [
        (r.start, r.inbound_agents, r.outbound_agents, r.agents, r.scheduled)
        for r in rows
    ]
    assert summary == [
        # 100 calls x 180 s = 10 Erlangs: 14 agents for 80/20 (the worked
        # example); 7,650 s / 1,800 s / 0.85 = 5; 19 / 0.7 = 27.1 -> 28.
        (at(9), 14, 5, 19, 28),
        (at(9, 30), 0, 0, 0, 0),
        # 3,060 s / 1,800 s / 0.85 = 2 exactly; 2 / 0.7 = 2.86 -> 3.
        (at(10), 0, 2, 2, 3),
    ]
    assert rows[0].inbound_calls == 100 and rows[0].outbound_seconds == 7650
    assert rows[2].inbound_calls == 0


def test_without_shrinkage_headcount_is_agents():
    rows = interval_requirements(
        inbound_calls={at(9): 100},
        inbound_handle_seconds=180,
        outbound_workload={},
        target=ServiceTarget(shrinkage=0),
    )
    assert [(r.agents, r.scheduled) for r in rows] == [(14, 14)]


def test_a_tighter_occupancy_cap_raises_both_sides():
    rows = interval_requirements(
        inbound_calls={at(9): 100},
        inbound_handle_seconds=180,
        outbound_workload={at(9): 1800},
        target=ServiceTarget(max_occupancy=0.5, shrinkage=0),
    )
    # Inbound: 10 Erlangs at 50% is 20 agents; outbound: 1 / 0.5 = 2.
    assert [(r.inbound_agents, r.outbound_agents) for r in rows] == [(20, 2)]


def test_outbound_agents_round_up():
    assert (
        outbound_agents_required(
            workload_seconds=1531, interval_seconds=1800, max_occupancy=0.85
        )
        == 2
    )
    assert (
        outbound_agents_required(
            workload_seconds=1530, interval_seconds=1800, max_occupancy=0.85
        )
        == 1
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workload_seconds": -1}, "negative"),
        ({"interval_seconds": 0}, "interval_seconds"),
        ({"max_occupancy": 1.2}, "max_occupancy"),
    ],
)
def test_outbound_bad_input_is_refused(kwargs, message):
    arguments = {
        "workload_seconds": 100,
        "interval_seconds": 1800,
        "max_occupancy": 0.85,
    }
    with pytest.raises(ValueError, match=message):
        outbound_agents_required(**arguments | kwargs)


def test_bad_shrinkage_is_refused():
    with pytest.raises(ValueError, match="shrinkage"):
        interval_requirements(
            inbound_calls={at(9): 10},
            inbound_handle_seconds=180,
            outbound_workload={},
            target=ServiceTarget(shrinkage=1),
        )


def test_a_day_from_the_portfolio_and_inbound_forecast():
    workload = outbound_workload(
        # 130 x 2 x 90 = 23,400 s over 09:00-22:00 Singapore time: 900 s a
        # half hour, 900 / 1,800 / 0.85 = 0.59 -> 1 agent.
        [PortfolioSlice("DPD 1-30", "Asia/Jakarta", 130)],
        {"DPD 1-30": BucketStrategy(2, 90)},
        day=datetime.date(2026, 11, 30),
        zone=AGENCY,
    )
    rows = interval_requirements(
        inbound_calls={at(8, 30): 100, at(9): 100},
        inbound_handle_seconds=180,
        outbound_workload=workload,
    )
    by_start = {r.start: (r.agents, r.scheduled) for r in rows}
    assert len(rows) == 48
    assert by_start[at(8, 30)] == (14, 20)  # inbound only: 14 / 0.7 = 20
    assert by_start[at(9)] == (15, 22)  # 14 + 1; 15 / 0.7 = 21.4 -> 22
    assert by_start[at(21, 30)] == (1, 2)  # 1 / 0.7 = 1.43 -> 2
    assert by_start[at(22)] == (0, 0)
