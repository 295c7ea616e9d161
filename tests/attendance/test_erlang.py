"""Erlang C against published worked examples, an exact rational computation
of the textbook formula, and a log-space Poisson computation at large sizes."""

import math
from fractions import Fraction

import pytest

from workforce.attendance.staffing.erlang import (
    agents_required,
    average_speed_of_answer,
    erlang_b,
    erlang_c,
    occupancy,
    scheduled_headcount,
    service_level,
    traffic_intensity,
    whole_agents,
)

from .erlang_reference import exact_erlang_c, poisson_erlang_c

# -- The classic worked example ------------------------------------------------
# Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked
# Example": 100 calls in 30 minutes, average handle time 180 s, target 80% of
# calls answered in 20 s. Its published steps: 10 Erlangs; with 11 agents a
# 68.21% probability of waiting and a 39.0% service level; 12 agents 64.0%;
# 13 agents 79.6%; 14 agents 88.8% (the answer, as 13 falls just short);
# 30% shrinkage makes 14 agents 20 people. The figures below were worked by
# hand from the formulas to more places and agree with the article's.


def test_worked_example_traffic_is_ten_erlangs():
    assert traffic_intensity(calls=100, handle_seconds=180, interval_seconds=1800) == 10


@pytest.mark.parametrize(
    ("agents", "waiting", "level", "speed_of_answer"),
    [
        (11, 0.6821182046893, 0.3896138117292, 122.7812768441),
        (12, 0.4493882242983, 0.6401580403740, 40.44494018684),
        (13, 0.2852704530365, 0.7955947884178, 17.11622718219),
        (14, 0.1741319335950, 0.8883500191795, 7.835937011777),
    ],
)
def test_worked_example_figures(agents, waiting, level, speed_of_answer):
    assert erlang_c(10, agents) == pytest.approx(waiting, abs=1e-12)
    assert service_level(
        traffic=10, agents=agents, handle_seconds=180, answer_within_seconds=20
    ) == pytest.approx(level, abs=1e-12)
    assert average_speed_of_answer(
        traffic=10, agents=agents, handle_seconds=180
    ) == pytest.approx(speed_of_answer, abs=1e-9)


def test_worked_example_needs_fourteen_agents_and_twenty_people():
    assert (
        agents_required(
            traffic=10,
            handle_seconds=180,
            target_service_level=0.8,
            answer_within_seconds=20,
            max_occupancy=0.85,
        )
        == 14
    )
    assert scheduled_headcount(agents=14, shrinkage=0.3) == 20


def test_worked_example_occupancy():
    assert occupancy(traffic=10, agents=14) == pytest.approx(10 / 14)


# A second worked example with bigger numbers: 360 calls per half hour, 4
# minute calls, 55 agents, answer within 15 s (the step-by-step "Erlang-C
# formula" example published with several Erlang calculators): 48 Erlangs,
# occupancy 87.3%. Hand-worked: C = 0.2387, SL = 84.6%, ASA = 8.2 s.
def test_second_worked_example():
    traffic = traffic_intensity(calls=360, handle_seconds=240, interval_seconds=1800)
    assert traffic == 48
    assert occupancy(traffic=48, agents=55) == pytest.approx(0.8727272727, abs=1e-9)
    assert erlang_c(48, 55) == pytest.approx(0.2387009363780, abs=1e-12)
    assert service_level(
        traffic=48, agents=55, handle_seconds=240, answer_within_seconds=15
    ) == pytest.approx(0.8458830921706, abs=1e-12)
    assert average_speed_of_answer(
        traffic=48, agents=55, handle_seconds=240
    ) == pytest.approx(8.184032104389, abs=1e-9)


# -- Against the exact formula -------------------------------------------------


@pytest.mark.parametrize(
    "traffic",
    [Fraction(1, 2), Fraction(1), Fraction(5, 2), Fraction(10), Fraction(97, 4)]
    + [Fraction(48), Fraction(100), Fraction(2501, 10)],
)
def test_recursion_matches_exact_rationals(traffic):
    first = math.floor(traffic) + 1
    for agents in range(first, first + 40, 3):
        exact = exact_erlang_c(traffic, agents)
        assert erlang_c(float(traffic), agents) == pytest.approx(
            float(exact), abs=1e-12
        ), (traffic, agents)


def test_erlang_b_small_values_by_hand():
    # B(1) = A / (1 + A); B(2) = (A^2/2) / (1 + A + A^2/2). With A = 2: 2/3, 2/5.
    assert erlang_b(2, 1) == pytest.approx(2 / 3, abs=1e-15)
    assert erlang_b(2, 2) == pytest.approx(2 / 5, abs=1e-15)
    assert erlang_b(2, 0) == 1


def test_erlang_c_one_agent_is_occupancy():
    # M/M/1: the chance of waiting is the share of time the agent is busy.
    assert erlang_c(0.25, 1) == pytest.approx(0.25, abs=1e-15)


# -- Large floors --------------------------------------------------------------


@pytest.mark.parametrize("traffic", [500.0, 2000.0])
def test_large_loads_stay_finite_and_match_log_space(traffic):
    agents = agents_required(traffic=traffic, handle_seconds=300)
    assert agents > traffic
    previous_waiting, previous_level = 1.0, 0.0
    for n in range(int(traffic) + 1, agents + 60):
        waiting = erlang_c(traffic, n)
        level = service_level(
            traffic=traffic, agents=n, handle_seconds=300, answer_within_seconds=20
        )
        assert math.isfinite(waiting) and 0 < waiting < 1
        # The service level reaches 1 within float precision at the top.
        assert waiting < previous_waiting and level >= previous_level
        previous_waiting, previous_level = waiting, level
        assert waiting == pytest.approx(poisson_erlang_c(traffic, n), rel=1e-9)


def test_large_load_requirement_is_bounded_by_occupancy_and_service_level():
    # 2,000 Erlangs at most 85% busy needs ceil(2000 / 0.85) = 2353 agents,
    # far more than 80/20 alone asks for, so occupancy decides.
    assert agents_required(traffic=2000, handle_seconds=300) == 2353
    # Without the occupancy cap the service level decides, just above A.
    needed = agents_required(traffic=2000, handle_seconds=300, max_occupancy=1)
    assert 2000 < needed < 2060
    before = service_level(
        traffic=2000, agents=needed - 1, handle_seconds=300, answer_within_seconds=20
    )
    at = service_level(
        traffic=2000, agents=needed, handle_seconds=300, answer_within_seconds=20
    )
    assert before < 0.8 <= at


def test_requirement_rises_with_traffic():
    needs = [
        agents_required(traffic=float(a), handle_seconds=240, max_occupancy=1)
        for a in range(0, 2001, 50)
    ]
    assert needs == sorted(needs)


# -- Edges ---------------------------------------------------------------------


def test_no_calls_need_no_agents():
    assert traffic_intensity(calls=0, handle_seconds=180) == 0
    assert agents_required(traffic=0, handle_seconds=180) == 0
    assert scheduled_headcount(agents=0, shrinkage=0.3) == 0
    assert erlang_c(0, 1) == 0


@pytest.mark.parametrize("agents", [0, 5, 10])
def test_too_few_agents_everyone_waits(agents):
    assert erlang_c(10, agents) == 1
    assert (
        service_level(
            traffic=10, agents=agents, handle_seconds=180, answer_within_seconds=20
        )
        == 0
    )
    assert average_speed_of_answer(traffic=10, agents=agents, handle_seconds=180) == (
        math.inf
    )


def test_occupancy_cap_alone_can_decide():
    # 10 Erlangs at 50% occupancy at most: 20 agents, though 14 meet 80/20.
    assert agents_required(traffic=10, handle_seconds=180, max_occupancy=0.5) == 20


def test_exact_occupancy_boundary_is_not_rounded_up():
    # 8.5 / 0.85 is 10.000000000000002 in floats; 10 agents are exactly 85%.
    assert (
        agents_required(
            traffic=8.5, handle_seconds=10, answer_within_seconds=60, max_occupancy=0.85
        )
        == 10
    )


def test_whole_agents_rounds_up_but_forgives_float_noise():
    assert whole_agents(14 / 0.7) == 20
    assert whole_agents(20.01) == 21
    assert whole_agents(0) == 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: traffic_intensity(calls=-1, handle_seconds=180), "calls"),
        (lambda: traffic_intensity(calls=10, handle_seconds=0), "handle_seconds"),
        (
            lambda: traffic_intensity(calls=10, handle_seconds=180, interval_seconds=0),
            "interval_seconds",
        ),
        (lambda: erlang_c(-1, 3), "traffic"),
        (lambda: erlang_c(math.nan, 3), "traffic"),
        (lambda: erlang_c(2, -1), "agents"),
        (lambda: erlang_c(2, 2.5), "agents"),
        (lambda: scheduled_headcount(agents=10, shrinkage=1), "shrinkage"),
        (lambda: scheduled_headcount(agents=10, shrinkage=-0.1), "shrinkage"),
        (lambda: occupancy(traffic=1, agents=0), "at least one agent"),
        (
            lambda: agents_required(
                traffic=10, handle_seconds=180, target_service_level=1
            ),
            "target_service_level",
        ),
        (
            lambda: agents_required(traffic=10, handle_seconds=180, max_occupancy=0),
            "max_occupancy",
        ),
        (
            lambda: agents_required(
                traffic=10, handle_seconds=180, answer_within_seconds=-5
            ),
            "answer_within_seconds",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()
