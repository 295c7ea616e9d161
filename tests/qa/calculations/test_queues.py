"""The queues: never an analyst's own calls, and as even as any assignment,
checked by brute force on every small case."""

import itertools

import pytest

from training.qa.calculations.queues import AssignmentError, assign_to_queues


def loads(assignment, analysts):
    return [list(assignment.values()).count(analyst) for analyst in analysts]


def test_no_analyst_gets_their_own_calls_and_queues_are_even():
    calls = [(f"c{n}", ["ana", "ben", "cy", "dee", "eve"][n % 5]) for n in range(23)]
    analysts = ["ana", "ben", "cy"]
    assignment = assign_to_queues(calls, analysts)
    assert set(assignment) == {call_id for call_id, _ in calls}
    assert all(assignment[call_id] != collector for call_id, collector in calls)
    assert sorted(loads(assignment, analysts)) == [7, 8, 8]


def test_where_a_greedy_least_loaded_pass_would_fail_the_queues_still_even_out():
    # Three analysts who each made three of the nine calls: taking calls one by
    # one to the least-loaded analyst ends 4, 3, 2 (the last analyst's calls
    # find the other two full); 3, 3, 3 is possible and is what comes out.
    calls = [(f"{a}{n}", a) for a in ("x", "y", "z") for n in range(3)]
    assignment = assign_to_queues(calls, ["x", "y", "z"])
    assert loads(assignment, ["x", "y", "z"]) == [3, 3, 3]
    assert all(assignment[call_id] != collector for call_id, collector in calls)


def _most_even_by_brute_force(calls, analysts):
    """The smallest max - min load over every assignment with no own calls."""
    best = None
    choices = [[a for a in analysts if a != collector] for _, collector in calls]
    for picked in itertools.product(*choices):
        counts = [picked.count(a) for a in analysts]
        spread = max(counts) - min(counts)
        best = spread if best is None else min(best, spread)
    return best


def test_queues_are_as_even_as_any_assignment_on_every_small_case():
    # Every case with 2 or 3 analysts who made 0-3 calls each, plus 0-2 calls
    # by collectors who are not analysts, against every possible assignment.
    checked = 0
    for analyst_count in (2, 3):
        analysts = list(range(analyst_count))
        for own in itertools.product(range(4), repeat=analyst_count):
            for others in range(3):
                calls = [(f"{a}-{n}", a) for a in analysts for n in range(own[a])]
                calls += [(f"x-{n}", "x") for n in range(others)]
                if len(calls) > 9:
                    continue
                assignment = assign_to_queues(calls, analysts)
                assert all(assignment[c] != collector for c, collector in calls)
                counts = loads(assignment, analysts)
                expected = _most_even_by_brute_force(calls, analysts) if calls else 0
                assert max(counts) - min(counts) == expected, (own, others)
                checked += 1
    assert checked == 235


def test_loads_differ_by_at_most_one_whenever_halls_condition_allows_it():
    # Up to 5 analysts, 0-5 own calls each, 0-5 other calls: queues can differ by
    # at most 1 exactly when no analyst made more than T - ceil-or-floor of T/m
    # of the T calls (an analyst's own calls must go elsewhere); then they do.
    for analyst_count in range(2, 6):
        analysts = list(range(analyst_count))
        top = 6 if analyst_count <= 3 else 4
        for own in itertools.product(range(top), repeat=analyst_count):
            for others in range(6):
                calls = [(f"{a}-{n}", a) for a in analysts for n in range(own[a])]
                calls += [(f"x-{n}", "x") for n in range(others)]
                total = len(calls)
                share, extra = divmod(total, analyst_count)
                caps = [total - made for made in own]
                feasible = all(cap >= share for cap in caps) and (
                    sum(cap >= share + 1 for cap in caps) >= extra
                )
                counts = loads(assign_to_queues(calls, analysts), analysts)
                assert (max(counts) - min(counts) <= 1) == feasible, (own, others)


def test_a_call_no_analyst_may_score_is_a_clear_error():
    with pytest.raises(AssignmentError, match="only the collector themselves") as error:
        assign_to_queues([("c1", "ana"), ("c2", "ben")], ["ana"])
    assert error.value.calls == ("c1",)
    with pytest.raises(AssignmentError, match="no analyst"):
        assign_to_queues([("c1", "ana")], [])
    assert assign_to_queues([], ["ana"]) == {}
