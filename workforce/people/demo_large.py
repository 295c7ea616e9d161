"""The large demo's floor: 500 more people in 25 more teams, 13 in-house and 12
run by three partner agencies, in Singapore, Malaysia and Indonesia, with a
lived-in history: people hired over nine years, a third of those who stayed
long enough moved once (a few twice), moves planned for the coming weeks and
people working their notice. Benchmarks and the later capabilities' demo data
stand on it. Planned from a fixed seed, so every run plans the same people.
"""

import datetime
import random

from deskbook.core.vocabulary import CollectionStage

from .demo_floor import PersonPlan, TeamPlan, plan_person
from .models import Channel

PRE, EARLY, LATE = CollectionStage.PRE, CollectionStage.EARLY, CollectionStage.LATE
DESK, FIELD = Channel.DESK, Channel.FIELD
SG, JB, KL, PG = "Singapore", "Johor Bahru", "Kuala Lumpur", "Penang"
BATAM, JAKARTA = "Batam", "Jakarta"

NUSANTARA = "Nusantara Recoveries Sdn Bhd"
SELAT = "Selat Collections Pte Ltd"
MUTIARA = "Mutiara Kredit Services Sdn Bhd"
PARTNER_CONTACTS = {
    NUSANTARA: "Dewi Santoso",
    SELAT: "Jason Koh",
    MUTIARA: "Nurul Huda binti Hashim",
}

# name, stage, channel, location, people (leads included), leads, run by
LARGE_TEAMS = [
    ("Pre-collection Singapore 1", PRE, DESK, SG, 20, 1, None),
    ("Pre-collection Singapore 2", PRE, DESK, SG, 20, 1, None),
    ("Early collection Singapore 1", EARLY, DESK, SG, 24, 2, None),
    ("Early collection Singapore 2", EARLY, DESK, SG, 24, 2, None),
    ("Early collection Singapore 3", EARLY, DESK, SG, 24, 2, None),
    ("Early collection Johor Bahru 1", EARLY, DESK, JB, 22, 1, None),
    ("Early collection Johor Bahru 2", EARLY, DESK, JB, 22, 1, None),
    ("Late collection Singapore 1", LATE, DESK, SG, 20, 1, None),
    ("Late collection Singapore 2", LATE, DESK, SG, 20, 1, None),
    ("Late collection Kuala Lumpur 1", LATE, DESK, KL, 18, 1, None),
    ("Late collection Kuala Lumpur 2", LATE, DESK, KL, 18, 1, None),
    ("Field Singapore", LATE, FIELD, SG, 12, 1, None),
    ("Field Kuala Lumpur", LATE, FIELD, KL, 12, 1, None),
    ("Nusantara early collection Batam 1", EARLY, DESK, BATAM, 22, 1, NUSANTARA),
    ("Nusantara early collection Batam 2", EARLY, DESK, BATAM, 22, 1, NUSANTARA),
    ("Nusantara pre-collection Jakarta 1", PRE, DESK, JAKARTA, 20, 1, NUSANTARA),
    ("Nusantara pre-collection Jakarta 2", PRE, DESK, JAKARTA, 20, 1, NUSANTARA),
    ("Selat early collection 1", EARLY, DESK, SG, 20, 1, SELAT),
    ("Selat early collection 2", EARLY, DESK, SG, 20, 1, SELAT),
    ("Selat late collection 1", LATE, DESK, SG, 20, 1, SELAT),
    ("Selat late collection 2", LATE, DESK, SG, 20, 1, SELAT),
    ("Mutiara early collection Kuala Lumpur 1", EARLY, DESK, KL, 20, 1, MUTIARA),
    ("Mutiara early collection Kuala Lumpur 2", EARLY, DESK, KL, 20, 1, MUTIARA),
    ("Mutiara late collection Penang", LATE, DESK, PG, 24, 2, MUTIARA),
    ("Mutiara field Penang", LATE, FIELD, PG, 16, 1, MUTIARA),
]
FIRST_NUMBER = 1001  # employee numbers E01001 to E01500, clear of the small demo's

PAST_MOVE_REASONS = [
    "Rebalanced after the quarterly intake",
    "Asked for a Malay-speaking queue",
    "Shift pattern suits family",
    "Team merged",
    "Coaching plan",
]
TO_LATE_STAGE_REASONS = ["Promotion to late stage", "Cover for late stage"]
PLANNED_MOVE_REASON = "Planned: rebalancing for next month's placements"
RESIGNATION_REASONS = [
    "Moving back to Ipoh",
    "Further studies",
    "Joining a bank's collections unit",
    "Family reasons",
    "Relocating to Kuala Lumpur",
    "Career change",
    "Offer closer to home",
    "Starting a business",
    "Caring for a parent",
]
PLANNED_MOVES = 6
ON_NOTICE = 9
NOTICE_DAYS = 30
SEED = "deskbook-demo-large-floor"


def large_team_plans() -> list[TeamPlan]:
    return [
        TeamPlan.named(
            name, stage, channel, location, round(people * 0.6), partner=partner
        )
        for name, stage, channel, location, people, _, partner in LARGE_TEAMS
    ]


def plan_large_floor(today: datetime.date) -> list[PersonPlan]:
    """The large floor's people, their history ending today; the same people
    for the same ``today``."""
    rng = random.Random(SEED)  # noqa: S311 — demo data, the same every run
    people = []
    number = FIRST_NUMBER
    for team, (*_, headcount, leads, _) in zip(
        large_team_plans(), LARGE_TEAMS, strict=True
    ):
        for seat in range(headcount):
            lead = seat < leads
            if lead:
                tenure = rng.randint(3 * 365, 9 * 365)
            elif rng.random() < 0.08:
                tenure = rng.randint(5, 60)  # recent hires
            else:
                tenure = rng.randint(61, 8 * 365)
            hired_on = today - datetime.timedelta(days=tenure)
            people.append(
                plan_person(number, team, lead=lead, hired_on=hired_on, rng=rng)
            )
            number += 1
    _plan_past_moves(people, today, rng)
    _plan_notice_and_coming_moves(people, today, rng)
    return people


def _sister_teams(team: TeamPlan, teams: list[TeamPlan]) -> list[TeamPlan]:
    """Where someone may move: another team of the same agency, on the same
    channel, in the same city."""
    return [
        other
        for other in teams
        if (other.partner, other.channel, other.location)
        == (team.partner, team.channel, team.location)
        and other != team
    ]


def _move_reason(rng, source: TeamPlan, target: TeamPlan) -> str:
    if target.stage == LATE and source.stage != LATE:
        return rng.choice(TO_LATE_STAGE_REASONS)
    return rng.choice(PAST_MOVE_REASONS)


def _day_between(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _plan_past_moves(people, today, rng) -> None:
    """A third of those here over eight months moved once; one in five of
    them, later, again. Leads stay with the team they lead."""
    teams = large_team_plans()
    yesterday = today - datetime.timedelta(days=1)
    for person in people:
        if person.leads or (today - person.hired_on).days < 240:
            continue
        if rng.random() >= 1 / 3:
            continue
        for earliest_gap in (120, 60):
            since = person.stays[-1].since + datetime.timedelta(days=earliest_gap)
            sisters = _sister_teams(person.stays[-1].team, teams)
            if since > yesterday or not sisters:
                break
            moved_on = _day_between(rng, since, yesterday)
            target = rng.choice(sisters)
            reason = _move_reason(rng, person.stays[-1].team, target)
            person.move(target, moved_on, reason)
            if rng.random() >= 0.2:
                break


def _plan_notice_and_coming_moves(people, today, rng) -> None:
    """A few moves planned in the next six weeks, and a few people working
    their notice, none of them a lead or someone whose last move was this month."""
    teams = large_team_plans()
    settled = [
        person
        for person in people
        if not person.leads
        and (today - person.stays[-1].since).days > 30
        and _sister_teams(person.stays[-1].team, teams)
    ]
    chosen = rng.sample(settled, PLANNED_MOVES + ON_NOTICE)
    for person in chosen[:PLANNED_MOVES]:
        moving_on = today + datetime.timedelta(days=rng.randint(3, 45))
        sisters = _sister_teams(person.stays[-1].team, teams)
        person.move(rng.choice(sisters), moving_on, PLANNED_MOVE_REASON)
    for person in chosen[PLANNED_MOVES:]:
        notice_given_on = today - datetime.timedelta(days=rng.randint(2, 25))
        last_working_day = notice_given_on + datetime.timedelta(days=NOTICE_DAYS)
        person.stays[-1].until = last_working_day
        person.resignation = (
            notice_given_on,
            last_working_day,
            rng.choice(RESIGNATION_REASONS),
        )
