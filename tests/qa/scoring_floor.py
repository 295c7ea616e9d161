"""A small QA floor for the evaluation tests: a team with a lead and three
collectors, two QA analysts, a scorecard with a critical item, a month of
calls and its drawn sample."""

import datetime
from decimal import Decimal

from django.utils import timezone

from deskbook.core.roles import COLLECTOR, QA_ANALYST, TEAM_LEAD
from tests.factories import UserFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from training.qa.models import Call, Item, Section
from training.qa.services.samples import default_plan, sample_draw
from training.qa.services.scorecards import scorecard_create

ZONE = timezone.get_default_timezone()


def moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), ZONE)


def scorecard_with_items(by):
    """Conduct (weight 60): disclosure (critical, 1), verification (critical,
    1); Negotiation (weight 40): offered a plan (yes/no, 2), tone (scale 0–4,
    1)."""
    scorecard = scorecard_create(name="Collection call", by=by)
    version = scorecard.current_version()
    conduct = Section.objects.create(
        version=version, title="Conduct", weight=Decimal(60), sort_order=0
    )
    negotiation = Section.objects.create(
        version=version, title="Negotiation", weight=Decimal(40), sort_order=1
    )
    items = {
        "disclosure": Item.objects.create(
            section=conduct,
            text="Said they are a debt collector",
            weight=1,
            critical=True,
            allows_na=False,
            rule_reference="Code §3.1",
            sort_order=0,
        ),
        "verification": Item.objects.create(
            section=conduct,
            text="Verified the right party first",
            weight=1,
            critical=True,
            rule_reference="Code §3.2",
            sort_order=1,
        ),
        "plan": Item.objects.create(
            section=negotiation, text="Offered a plan", weight=2, sort_order=0
        ),
        "tone": Item.objects.create(
            section=negotiation,
            text="Tone",
            kind="scale",
            scale_max=4,
            weight=1,
            sort_order=1,
        ),
    }
    return scorecard, version, items


def build(month=datetime.date(2026, 3, 1)):
    manager = UserFactory(username="qa-manager")
    lead_user = UserFactory(username="lead", roles=[TEAM_LEAD])
    team = TeamFactory(lead=lead_user)
    collectors = []
    for n in range(3):
        user = UserFactory(username=f"collector{n}", roles=[COLLECTOR])
        collectors.append(StaffFactory(user=user, team=team))
    analysts = [
        StaffFactory(
            user=UserFactory(username=f"analyst{n}", roles=[QA_ANALYST]),
            job_title="qa_analyst",
        )
        for n in range(2)
    ]
    scorecard, version, items = scorecard_with_items(manager)
    calls = []
    for c, collector in enumerate(collectors):
        for d in range(6):
            calls.append(
                Call(
                    call_id=f"C{c}-{d}",
                    collector=collector,
                    account_reference=f"ACC{c}{d}",
                    dpd_bucket="1-30 DPD",
                    started_at=moment(month + datetime.timedelta(days=d + 1)),
                    duration_seconds=120,
                    direction="outbound",
                    outcome="right_party_contact",
                )
            )
    Call.objects.bulk_create(calls)
    draw = sample_draw(
        period=month,
        by=manager,
        scorecard=scorecard,
        plan=default_plan(minimum_per_collector=2),
        seed=7,
    )
    return {
        "manager": manager,
        "lead": lead_user,
        "team": team,
        "collectors": collectors,
        "analysts": analysts,
        "scorecard": scorecard,
        "version": version,
        "items": items,
        "draw": draw,
    }
