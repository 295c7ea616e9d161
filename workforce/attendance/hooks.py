"""The hooks attendance declares.

``ATTENDANCE_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *Attendance* menu
    inside *Workforce* (clock events, integrations). A viewset joins it by
    setting ``menu_hook = ATTENDANCE_MENU`` and ``add_to_admin_menu = True``.

``ATTENDANCE_CALL_VOLUMES``
    ``fn(*, team_ids, start, end) -> Iterable[CallVolume]``: the calls that
    actually happened, per team and 30-minute interval, for the intraday
    reforecast (actual inbound calls against the forecast) and the inbound
    forecast from history (the same weekday and interval over past weeks).
    ``start`` and ``end`` are aware; an interval is counted when it starts in
    [start, end). A call counts in the interval its start falls in, on the
    agency's clock (``staffing.demand.interval_start``), and for the team
    its person was in *on the call's date*. ``inbound`` counts calls
    offered to the team (answered or not: what the queue had to carry),
    ``outbound`` the dialer's attempts (connected or not), and
    ``inbound_seconds`` the inbound calls' handle time added up (the average
    handle time of a forecast from history). Intervals without
    calls may be left out. QA answers from its call log; several answers add
    up.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from wagtail import hooks

ATTENDANCE_MENU = "attendance_menu_items"
ATTENDANCE_CALL_VOLUMES = "attendance_call_volumes"


@dataclass(frozen=True)
class CallVolume:
    """Calls of one team in the 30-minute interval starting at ``start``."""

    team_id: int
    start: datetime.datetime  # the agency's time, aware
    inbound: int
    outbound: int
    inbound_seconds: int = 0


def call_volumes(
    team_ids: Iterable[int], start: datetime.datetime, end: datetime.datetime
) -> dict[tuple[int, datetime.datetime], CallVolume]:
    """Every answer to ``ATTENDANCE_CALL_VOLUMES``, added up by team and
    interval."""
    ids = list(team_ids)
    inbound: dict[tuple, int] = defaultdict(int)
    outbound: dict[tuple, int] = defaultdict(int)
    seconds: dict[tuple, int] = defaultdict(int)
    for answer in hooks.get_hooks(ATTENDANCE_CALL_VOLUMES):
        for volume in answer(team_ids=ids, start=start, end=end):
            key = (volume.team_id, volume.start)
            inbound[key] += volume.inbound
            outbound[key] += volume.outbound
            seconds[key] += volume.inbound_seconds
    return {
        key: CallVolume(key[0], key[1], inbound[key], outbound[key], seconds[key])
        for key in inbound.keys() | outbound.keys()
    }
