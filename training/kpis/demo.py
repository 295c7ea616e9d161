"""Demo KPIs: each stage's scorecard with targets (the QA score and
collected vs target among them), each stage's monthly collection target for
the months of the demo's calls, and the daily facts built from whatever
calls, payments, attendance and evaluations the demo holds."""

import datetime
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from deskbook.core.vocabulary import CollectionStage
from training.qa.models import Call, Payment

from .models import CollectionTarget, CollectorDay, FactBuild, KpiDefinition
from .services import facts_rebuild_all

# (name, measure, target, weight) per stage: late-bucket collectors reach
# fewer debtors and keep fewer promises, so their targets are lower.
SCORECARDS = {
    CollectionStage.PRE: [
        ("RPC rate", "rpc_rate", "45", "1"),
        ("PTP rate", "ptp_rate", "40", "1"),
        ("PTP kept rate", "ptp_kept_rate", "80", "2"),
        ("Average handle time", "average_handle_time", "240", "0.5"),
        ("Schedule adherence", "schedule_adherence", "90", "1"),
        ("QA score", "qa_score", "85", "1"),
        ("Collected vs target", "collected_vs_target", "100", "1"),
    ],
    CollectionStage.EARLY: [
        ("RPC rate", "rpc_rate", "30", "1"),
        ("PTP rate", "ptp_rate", "35", "1"),
        ("PTP kept rate", "ptp_kept_rate", "70", "2"),
        ("Calls per hour", "calls_per_hour", "12", "0.5"),
        ("Schedule adherence", "schedule_adherence", "90", "1"),
        ("Attendance rate", "attendance_rate", "95", "1"),
        ("QA score", "qa_score", "85", "1"),
        ("Collected vs target", "collected_vs_target", "100", "1"),
    ],
    CollectionStage.LATE: [
        ("RPC rate", "rpc_rate", "20", "1"),
        ("PTP rate", "ptp_rate", "25", "1"),
        ("PTP kept rate", "ptp_kept_rate", "55", "2"),
        ("Attendance rate", "attendance_rate", "95", "1"),
        ("QA score", "qa_score", "80", "1"),
        ("Collected vs target", "collected_vs_target", "100", "1"),
    ],
}
# Each collector's monthly collection target per stage: later buckets
# recover less. Set for the current month and the three before it (the
# demo's calls).
COLLECTION_TARGETS = {
    CollectionStage.PRE: "14000",
    CollectionStage.EARLY: "12000",
    CollectionStage.LATE: "8000",
}
TARGET_MONTHS = 4


def seed_kpis(*, size: str, log) -> None:
    """Idempotent: definitions are kept by stage and name; the facts are
    rebuilt from scratch, so a second run writes the same rows."""
    added = 0
    for stage, kpis in SCORECARDS.items():
        for order, (name, measure, target, weight) in enumerate(kpis):
            _, created = KpiDefinition.objects.get_or_create(
                stage=stage,
                team=None,
                name=name,
                defaults={
                    "measure": measure,
                    "target": Decimal(target),
                    "weight": Decimal(weight),
                    "order": order,
                },
            )
            added += created
    targets = _collection_targets()
    if _built_today_from_the_same_calls() and not targets:
        log(
            f"KPIs: {KpiDefinition.objects.count()} definitions ({added} new), "
            f"{CollectionTarget.objects.count()} collection targets, "
            f"{CollectorDay.objects.count()} collector-days of facts, built today"
        )
        return
    build = facts_rebuild_all()
    log(
        f"KPIs: {KpiDefinition.objects.count()} definitions ({added} new), "
        f"{CollectionTarget.objects.count()} collection targets ({targets} new), "
        f"{build.rows} collector-days of facts over {build.days} days"
    )


def _collection_targets() -> int:
    """Each stage's target for the months of the demo; returns how many
    were added (an added target means the facts need building again)."""
    month = timezone.localdate().replace(day=1)
    months = [month]
    for _ in range(TARGET_MONTHS - 1):
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    existing = set(
        CollectionTarget.objects.filter(team=None).values_list("stage", "month")
    )
    added = [
        CollectionTarget(stage=stage, month=first, amount=Decimal(amount))
        for stage, amount in COLLECTION_TARGETS.items()
        for first in months
        if (stage, first) not in existing
    ]
    CollectionTarget.objects.bulk_create(added)
    return len(added)


def _built_today_from_the_same_calls() -> bool:
    """A second seed the same day, with no call or payment added since the
    last build, would build the same facts again: it leaves them be."""
    last = FactBuild.objects.order_by("-pk").first()
    if last is None or timezone.localdate(last.started_at) != timezone.localdate():
        return False
    return (last.calls_through, last.payments_through) == (
        Call.objects.aggregate(top=Max("pk"))["top"] or 0,
        Payment.objects.aggregate(top=Max("pk"))["top"] or 0,
    )
