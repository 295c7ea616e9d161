"""Reads of leave, one concern a module, re-exported here: who may act on
whose leave, what a request costs, balances, the half hours a request
would leave a team short, the listings, a person's own leave, the team
calendar and the leave report. Every permission-scoped read takes the
viewer."""

from .access import (
    DECIDE,
    decides_leave,
    is_manager,
    may_ask_for,
    may_decide,
    may_decide_for,
    may_see_certificate,
    memberships_during,
)
from .balances import allocation_balance, allocation_balances
from .calendar import (
    LeaveCell,
    LeaveRow,
    TeamLeaveMonth,
    calendar_teams,
    team_leave_month,
)
from .costs import holiday_dates, plan_days, request_costs, request_day_costs
from .listings import (
    allocations_visible_to,
    requests_to_decide,
    requests_visible_to,
    teams_during,
)
from .own import BalanceLine, my_balances, my_requests, next_approved_leave
from .plan import plan_absences
from .report import IN_HOUSE, TakenLine, leave_taken
from .staffing import ShortDay, staffing_impact, staffing_impacts

__all__ = [
    "DECIDE",
    "memberships_during",
    "is_manager",
    "may_decide_for",
    "may_decide",
    "may_ask_for",
    "may_see_certificate",
    "decides_leave",
    "holiday_dates",
    "plan_days",
    "request_day_costs",
    "request_costs",
    "allocation_balances",
    "allocation_balance",
    "ShortDay",
    "staffing_impact",
    "staffing_impacts",
    "plan_absences",
    "requests_visible_to",
    "allocations_visible_to",
    "requests_to_decide",
    "teams_during",
    "BalanceLine",
    "my_balances",
    "my_requests",
    "next_approved_leave",
    "calendar_teams",
    "LeaveCell",
    "LeaveRow",
    "TeamLeaveMonth",
    "team_leave_month",
    "IN_HOUSE",
    "TakenLine",
    "leave_taken",
]
