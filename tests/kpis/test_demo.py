"""The KPI demo: each stage's scorecard (the QA score and collected vs
target among its KPIs), each stage's collection targets, and the facts
from the demo's data; a second run changes nothing."""

import datetime

from training.kpis.demo import COLLECTION_TARGETS, SCORECARDS, TARGET_MONTHS, seed_kpis
from training.kpis.models import CollectionTarget, CollectorDay, KpiDefinition


def test_the_demo_sets_each_stages_targets_and_builds_the_facts(kpi_week):
    said = []
    seed_kpis(size="small", log=said.append)
    definitions = sum(len(k) for k in SCORECARDS.values())
    assert KpiDefinition.objects.count() == definitions
    for stage in SCORECARDS:
        measures = set(
            KpiDefinition.objects.filter(stage=stage).values_list("measure", flat=True)
        )
        assert {"qa_score", "collected_vs_target"} <= measures, stage
    assert CollectionTarget.objects.count() == len(COLLECTION_TARGETS) * TARGET_MONTHS
    assert CollectionTarget.objects.filter(
        month=datetime.date(2026, 3, 1), stage="early"
    ).exists()
    rows = list(CollectorDay.objects.order_by("collector", "day").values())
    # Four collectors in early-collection teams, each held to the March
    # target on every day from the first call (2 March) to today (10 March).
    assert len(rows) == 4 * 9
    assert all(row["collection_target"] > 0 for row in rows)
    seed_kpis(size="small", log=said.append)
    assert KpiDefinition.objects.count() == definitions
    again = list(CollectorDay.objects.order_by("collector", "day").values())
    assert [{**r, "id": 0} for r in again] == [{**r, "id": 0} for r in rows]
    assert said[-1].startswith(f"KPIs: {definitions} definitions (0 new), 12 col")
