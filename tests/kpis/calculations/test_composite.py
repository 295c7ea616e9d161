"""The composite score against hand-computed fixtures: three collectors over
two weeks, a team move in the middle of a week, a promise that falls due in
the next week, a day with no scheduled shift, a KPI with no data and a
critical QA fail."""

import datetime
from decimal import Decimal

import pytest

from training.kpis.calculations.composite import (
    KpiDefinition,
    attainment,
    composite_score,
    in_period,
    totals_by_collector,
    totals_by_team,
    totals_by_team_and_collector,
)
from training.kpis.calculations.measures import (
    ATTENDANCE_RATE,
    AVERAGE_HANDLE_TIME,
    PTP_KEPT_RATE,
    QA_SCORE,
    RPC_RATE,
    DailyFacts,
    Direction,
    FactTotals,
    read,
    total,
)

D = Decimal
WEEK_1 = (datetime.date(2026, 3, 2), datetime.date(2026, 3, 8))  # Mon to Sun
WEEK_2 = (datetime.date(2026, 3, 9), datetime.date(2026, 3, 15))

SCORECARD = [
    KpiDefinition("RPC rate", RPC_RATE, target=D(25), weight=D(30)),
    KpiDefinition("PTP kept rate", PTP_KEPT_RATE, target=D(80), weight=D(30)),
    KpiDefinition("Handle time", AVERAGE_HANDLE_TIME, target=D(240), weight=D(20)),
    KpiDefinition("QA score", QA_SCORE, target=D(85), weight=D(20)),
]
CRITICAL_FAIL_CAP = D(60)


def on(collector, date, team="east", *, scheduled=True, **counts):
    """A day's facts; a scheduled day is a full 8-hour shift attended."""
    shift = (
        {"days_scheduled": 1, "days_present": 1, "scheduled_minutes": 480}
        if scheduled
        else {}
    )
    return DailyFacts(
        collector=collector,
        day=datetime.date.fromisoformat(date),
        team=team,
        **shift,
        **counts,
    )


FACTS = [
    # Ana, team east. On 3 March two promises made the week before came due
    # (one kept, one broken) and three new ones were made, one of them due on
    # 10 March: it is kept then, and counts in week 2, not week 1.
    on("ana", "2026-03-02", attempts=100, contacts=30, promises=5,
       handle_seconds=6000, handled_calls=30,
       qa_weighted_points=D(180), qa_weight=D(2), qa_calls=1),
    on("ana", "2026-03-03", attempts=80, contacts=20, promises=3, kept=2, broken=1,
       handle_seconds=5000, handled_calls=20),
    # Saturday: no shift, a little overtime.
    on("ana", "2026-03-07", scheduled=False, attempts=20, contacts=4,
       handle_seconds=1000, handled_calls=4, hours_worked=D(2)),
    on("ana", "2026-03-09", attempts=100, contacts=25),
    on("ana", "2026-03-10", attempts=100, contacts=25, kept=1,
       handle_seconds=10000, handled_calls=50,
       qa_weighted_points=D(160), qa_weight=D(2), qa_calls=1),
    # Cal: nothing evaluated in week 1; a critical fail in week 2.
    on("cal", "2026-03-02", attempts=50, contacts=10, promises=2, kept=1, broken=1,
       handle_seconds=3000, handled_calls=10),
    on("cal", "2026-03-09", attempts=50, contacts=15, kept=2,
       handle_seconds=2400, handled_calls=12,
       qa_weighted_points=D(190), qa_weight=D(2), qa_calls=1, qa_critical_fails=1),
    # Ben moves from east to west on Wednesday 11 March.
    on("ben", "2026-03-09", attempts=70, contacts=14),
    on("ben", "2026-03-10", attempts=80, contacts=16),
    on("ben", "2026-03-11", team="west", attempts=60, contacts=24),
    on("ben", "2026-03-12", team="west", attempts=40, contacts=16),
]  # fmt: skip


def week_totals(week):
    return totals_by_collector(in_period(FACTS, *week))


def score(totals):
    return composite_score(SCORECARD, totals, critical_fail_cap=CRITICAL_FAIL_CAP)


def test_ana_week_1_line_by_line():
    # RPC 54/200 = 27.00% -> 27/25 = 108%; kept 2/3 = 66.67% -> 83.3375%;
    # handle time 12,000/54 = 222.2 s -> 240/222.2 = 108.0108%;
    # QA 180/2 = 90 -> 105.8824%. All have data: shares 30/30/20/20.
    # 0.3·108 + 0.3·83.3375 + 0.2·108.0108… + 0.2·105.8823… = 100.1799 -> 100.18.
    result = score(week_totals(WEEK_1)["ana"])
    rows = [
        (
            line.name,
            line.numerator,
            line.denominator,
            line.value,
            line.target,
            line.attainment,
            line.counted,
            line.capped,
            line.weight,
            line.weight_share,
            line.contribution,
        )
        for line in result.lines
    ]
    assert rows == [
        ("RPC rate", 54, 200, D("27.00"), D(25), D("108.00"), D("108.00"),
         False, D(30), D("30.00"), D("32.40")),
        ("PTP kept rate", 2, 3, D("66.67"), D(80), D("83.34"), D("83.34"),
         False, D(30), D("30.00"), D("25.00")),
        ("Handle time", 12000, 54, D("222.2"), D(240), D("108.01"), D("108.01"),
         False, D(20), D("20.00"), D("21.60")),
        ("QA score", D(180), D(2), D("90.00"), D(85), D("105.88"), D("105.88"),
         False, D(20), D("20.00"), D("21.18")),
    ]  # fmt: skip
    assert result.lines[3].reading.count == 1
    assert result.composite == D("100.18")
    assert not result.capped_by_critical_fail


def test_a_promise_counts_in_the_period_it_falls_due():
    week_1 = week_totals(WEEK_1)["ana"]
    week_2 = week_totals(WEEK_2)["ana"]
    assert (week_1.promises, week_1.kept, week_1.broken) == (8, 2, 1)
    assert (week_2.promises, week_2.kept, week_2.broken) == (0, 1, 0)
    assert read(PTP_KEPT_RATE, week_2).value == D("100.00")


def test_ana_week_2_caps_the_kept_rate():
    # RPC 50/200 = 25% -> 100; kept 1/1 = 100% -> 125, capped at 120;
    # handle time 10,000/50 = 200 s -> 120 (at the cap, not over it);
    # QA 80 -> 94.1176. 30 + 36 + 24 + 18.8235 = 108.8235 -> 108.82.
    result = score(week_totals(WEEK_2)["ana"])
    kept = result.lines[1]
    assert (kept.attainment, kept.counted, kept.capped) == (
        D("125.00"),
        D("120.00"),
        True,
    )
    handle = result.lines[2]
    assert (handle.attainment, handle.capped) == (D("120.00"), False)
    assert result.composite == D("108.82")


def test_a_kpi_without_data_has_its_weight_shared_out():
    # Cal, week 1, no QA: weights with data 30 + 30 + 20 = 80, shares
    # 37.5/37.5/25. RPC 10/50 = 20% -> 80; kept 1/2 = 50% -> 62.5;
    # handle 300 s -> 80. 30 + 23.4375 + 20 = 73.4375 -> 73.44.
    result = score(week_totals(WEEK_1)["cal"])
    qa = result.lines[3]
    assert (qa.value, qa.attainment, qa.weight_share, qa.contribution) == (
        None,
        None,
        None,
        None,
    )
    assert [line.weight_share for line in result.lines[:3]] == [
        D("37.50"),
        D("37.50"),
        D("25.00"),
    ]
    assert result.kpis_without_data == ("QA score",)
    assert result.composite == D("73.44")


def test_a_critical_fail_caps_the_composite():
    # Cal, week 2: 120 + 120 + 120 + QA 95/85 = 111.7647 -> 118.35 before the
    # cap; one critical fail caps it at 60.
    result = score(week_totals(WEEK_2)["cal"])
    assert result.weighted_total == D("118.35")
    assert result.composite == D("60.00")
    assert result.capped_by_critical_fail
    assert result.critical_fails == 1
    assert result.sentences()[-1] == (
        "1 critical QA fail(s) this period cap the score at 60: composite 60.00."
    )


def test_without_a_critical_fail_cap_the_fail_does_not_cap():
    result = composite_score(SCORECARD, week_totals(WEEK_2)["cal"])
    assert result.composite == D("118.35")
    assert not result.capped_by_critical_fail


def test_a_critical_fail_cap_above_the_score_changes_nothing():
    totals = week_totals(WEEK_1)["cal"] + FactTotals(qa_critical_fails=1)
    result = composite_score(SCORECARD, totals, critical_fail_cap=D(90))
    assert (result.composite, result.capped_by_critical_fail) == (D("73.44"), False)


def test_a_team_move_splits_the_week_by_team_of_the_day():
    ben = [fact for fact in in_period(FACTS, *WEEK_2) if fact.collector == "ben"]
    by_team = totals_by_team(ben)
    assert set(by_team) == {"east", "west"}
    # East: 30/150 = 20%; west: 40/100 = 40%; the whole week 70/250 = 28%.
    assert read(RPC_RATE, by_team["east"]).value == D("20.00")
    assert read(RPC_RATE, by_team["west"]).value == D("40.00")
    assert read(RPC_RATE, total(ben)).value == D("28.00")
    assert by_team["east"] + by_team["west"] == total(ben)
    assert (by_team["east"].days_scheduled, by_team["west"].days_scheduled) == (2, 2)


def test_a_teams_board_counts_each_collector_for_the_days_in_the_team():
    board = totals_by_team_and_collector(in_period(FACTS, *WEEK_2))
    assert sorted(board) == [
        ("east", "ana"),
        ("east", "ben"),
        ("east", "cal"),
        ("west", "ben"),
    ]
    assert board[("west", "ben")].attempts == 100


def test_totals_by_team_takes_one_collector_at_a_time():
    with pytest.raises(ValueError, match="one collector"):
        totals_by_team(in_period(FACTS, *WEEK_2))


def test_a_day_without_a_shift_counts_its_work_but_not_against_attendance():
    ana = week_totals(WEEK_1)["ana"]
    # Saturday's 20 attempts are in the RPC rate; the week has 2 scheduled
    # days, both attended, so attendance is 100%, not 2 of 3.
    assert (ana.attempts, ana.days_scheduled, ana.days_present) == (200, 2, 2)
    assert read(ATTENDANCE_RATE, ana).value == D("100.00")
    assert ana.hours_worked == D(2)


def test_periods_do_not_share_days():
    week_1, week_2 = week_totals(WEEK_1), week_totals(WEEK_2)
    assert week_1["ana"] + week_2["ana"] == total(
        fact for fact in FACTS if fact.collector == "ana"
    )
    assert "ben" not in week_1


def test_no_kpi_with_data_gives_no_composite():
    result = score(FactTotals())
    assert result.composite is None
    assert result.kpis_without_data == tuple(d.name for d in SCORECARD)
    assert result.sentences()[-1] == "No KPI has data this period: no composite score."


def test_three_equal_kpis_met_in_full_make_exactly_100():
    card = [KpiDefinition(name, RPC_RATE, target=D(25), weight=D(1)) for name in "abc"]
    result = composite_score(card, FactTotals(attempts=4, contacts=1))
    assert [line.contribution for line in result.lines] == [D("33.33")] * 3
    assert result.composite == D("100.00")


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (D("30"), Direction.HIGHER, (D(120), D(120))),
        (D("0"), Direction.HIGHER, (D(0), D(0))),  # higher is better, none done
        (D("-5"), Direction.HIGHER, (D(0), D(0))),  # floored at 0
        (D("0"), Direction.LOWER, (D(120), D(120))),  # lower is better: the best
        (D("50"), Direction.LOWER, (D(50), D(50))),  # target 25 / 50
        (D("10"), Direction.LOWER, (D(250), D(120))),  # 25/10 = 250%, capped
        (None, Direction.HIGHER, (None, None)),
    ],
)
def test_attainment_by_direction(value, direction, expected):
    reached, counted = attainment(value, D(25), direction, cap=D(120))
    assert (reached, counted) == expected


def test_a_definition_may_turn_the_direction_and_the_cap():
    card = [
        KpiDefinition(
            "Short calls",
            AVERAGE_HANDLE_TIME,
            target=D(200),
            weight=D(1),
            direction=Direction.HIGHER,
            cap=D(150),
        )
    ]
    result = composite_score(card, FactTotals(handle_seconds=500, handled_calls=1))
    line = result.lines[0]
    assert (line.direction, line.attainment, line.counted) == (
        Direction.HIGHER,
        D("250.00"),
        D("150.00"),
    )
    assert result.composite == D("150.00")


def test_the_line_in_words():
    line = score(week_totals(WEEK_1)["ana"]).lines[1]
    assert line.sentence() == (
        "PTP kept rate: 2 ÷ 3 = 66.67 against a target of 80 (higher is better): "
        "attainment 83.34%; weight 30 (30.00% of the weights with data) "
        "contributes 25.00."
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target": D(0)}, "the target must be above 0"),
        ({"weight": D(-1)}, "the weight must not be negative"),
        ({"cap": D(0)}, "the cap must be above 0"),
    ],
)
def test_a_definition_refuses_what_cannot_score(changes, message):
    arguments = {"target": D(25), "weight": D(1)} | changes
    with pytest.raises(ValueError, match=message):
        KpiDefinition("RPC", RPC_RATE, **arguments)


def test_a_scorecard_names_each_kpi_once():
    with pytest.raises(ValueError, match="share a name"):
        composite_score(SCORECARD + SCORECARD[:1], FactTotals())
