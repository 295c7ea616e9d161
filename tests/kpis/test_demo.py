"""The KPI demo: each stage's scorecard and facts from the demo's data;
a second run changes nothing."""

from training.kpis.demo import SCORECARDS, seed_kpis
from training.kpis.models import CollectorDay, KpiDefinition


def test_the_demo_sets_each_stages_targets_and_builds_the_facts(kpi_week):
    said = []
    seed_kpis(size="small", log=said.append)
    assert KpiDefinition.objects.count() == sum(len(k) for k in SCORECARDS.values())
    rows = list(CollectorDay.objects.order_by("collector", "day").values())
    assert len(rows) == 11  # the week's facts (test_facts counts them by hand)
    seed_kpis(size="small", log=said.append)
    assert KpiDefinition.objects.count() == sum(len(k) for k in SCORECARDS.values())
    again = list(CollectorDay.objects.order_by("collector", "day").values())
    assert [{**r, "id": 0} for r in again] == [{**r, "id": 0} for r in rows]
    assert said[-1].startswith("KPIs: 15 definitions (0 new), 11 collector-days")
