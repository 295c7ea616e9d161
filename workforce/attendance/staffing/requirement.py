"""Agents and headcount each interval needs, from inbound calls and outbound
work. No Django import.

Inbound calls queue, so Erlang C sizes them at the service target. Outbound
work does not queue (the dialer waits for agents, not debtors for the
dialer), so it needs its agent seconds at the occupancy an agent can keep:
workload / interval seconds / maximum occupancy. The two are added, as if
inbound and outbound agents were separate pools: blending them would need
fewer, so the sum is the safe side. Shrinkage then turns agents on the
phones into people to schedule.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from workforce.attendance.staffing.erlang import (
    agents_required,
    scheduled_headcount,
    traffic_intensity,
    whole_agents,
)


@dataclass(frozen=True)
class ServiceTarget:
    """What the floor promises: ``service_level`` of inbound calls answered
    within ``answer_within_seconds``, no agent busier than ``max_occupancy``,
    with ``shrinkage`` of paid time off the phones."""

    service_level: float = 0.8
    answer_within_seconds: float = 20
    max_occupancy: float = 0.85
    shrinkage: float = 0.3


@dataclass(frozen=True)
class IntervalRequirement:
    """One interval's demand and the people it takes."""

    start: datetime.datetime
    inbound_calls: float
    outbound_seconds: float
    inbound_agents: int
    outbound_agents: int
    scheduled: int

    @property
    def agents(self) -> int:
        """Agents on the phones: inbound and outbound together."""
        return self.inbound_agents + self.outbound_agents


def outbound_agents_required(
    *, workload_seconds: float, interval_seconds: float, max_occupancy: float
) -> int:
    """Agents to get through ``workload_seconds`` of outbound work in an
    interval, none busier than ``max_occupancy``: ceil(work / interval / occ)."""
    if workload_seconds < 0:
        raise ValueError(f"outbound workload cannot be negative: {workload_seconds}")
    if interval_seconds <= 0:
        raise ValueError("interval_seconds must be more than 0 seconds.")
    if not 0 < max_occupancy <= 1:
        raise ValueError("max_occupancy must be above 0 and at most 1 (e.g. 0.85).")
    return whole_agents(workload_seconds / interval_seconds / max_occupancy)


def interval_requirements(
    *,
    inbound_calls: Mapping[datetime.datetime, float],
    inbound_handle_seconds: float,
    outbound_workload: Mapping[datetime.datetime, float],
    target: ServiceTarget = ServiceTarget(),
    interval_seconds: float = 1800,
) -> list[IntervalRequirement]:
    """Each interval found in either demand, in time order, with the agents
    inbound and outbound need and the headcount to schedule for them."""
    requirements = []
    for start in sorted(set(inbound_calls) | set(outbound_workload)):
        calls = inbound_calls.get(start, 0.0)
        workload = outbound_workload.get(start, 0.0)
        traffic = traffic_intensity(
            calls=calls,
            handle_seconds=inbound_handle_seconds,
            interval_seconds=interval_seconds,
        )
        inbound = agents_required(
            traffic=traffic,
            handle_seconds=inbound_handle_seconds,
            target_service_level=target.service_level,
            answer_within_seconds=target.answer_within_seconds,
            max_occupancy=target.max_occupancy,
        )
        outbound = outbound_agents_required(
            workload_seconds=workload,
            interval_seconds=interval_seconds,
            max_occupancy=target.max_occupancy,
        )
        requirements.append(
            IntervalRequirement(
                start=start,
                inbound_calls=calls,
                outbound_seconds=workload,
                inbound_agents=inbound,
                outbound_agents=outbound,
                scheduled=scheduled_headcount(
                    agents=inbound + outbound, shrinkage=target.shrinkage
                ),
            )
        )
    return requirements
