"""Erlang C: how many agents an inbound queue needs. No Django import.

Calls arrive at random (Poisson) and wait in one queue for the first free
agent; ``traffic`` is the offered load in Erlangs, A = calls x handle time /
interval, the number of agents that would be busy all interval long.

The probability of waiting is computed through the Erlang B recursion, never
through ``A**N / N!``: the terms overflow a float from about N = 170, and a
large floor's half hour meets loads of hundreds or thousands of Erlangs. Each
step of the recursion is a probability between 0 and 1, so nothing overflows
or cancels, and finding the smallest N walks the recursion once, upwards.
"""

import math

# Float noise must not add an agent: 14 / (1 - 0.3) is 20.000000000000004.
_CEILING_TOLERANCE = 1e-9


def whole_agents(fraction_of_agents: float) -> int:
    """The whole number of agents covering ``fraction_of_agents``, rounded up,
    forgiving float noise just above a whole number."""
    return max(0, math.ceil(fraction_of_agents - _CEILING_TOLERANCE))


def traffic_intensity(
    *, calls: float, handle_seconds: float, interval_seconds: float = 1800
) -> float:
    """Offered load in Erlangs: calls x average handle time / interval length."""
    _check_calls(calls)
    _check_positive("handle_seconds", handle_seconds)
    _check_positive("interval_seconds", interval_seconds)
    return calls * handle_seconds / interval_seconds


def erlang_b(traffic: float, agents: int) -> float:
    """Probability that a call finds every agent busy when there is no queue
    (blocking): B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1))."""
    _check_traffic(traffic)
    _check_agents(agents)
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a call waits, P(W > 0), with ``agents`` answering.

    From Erlang B: C = N B / (N - A (1 - B)). With N <= A the queue grows
    without end and every call waits: C = 1.
    """
    _check_traffic(traffic)
    _check_agents(agents)
    if agents <= traffic:
        return 1.0
    return _erlang_c_from_b(traffic, agents, erlang_b(traffic, agents))


def service_level(
    *,
    traffic: float,
    agents: int,
    handle_seconds: float,
    answer_within_seconds: float,
) -> float:
    """Share of calls answered within ``answer_within_seconds``:
    SL = 1 - C e^(-(N - A) t / AHT); 0 when N <= A (the queue never empties)."""
    _check_positive("handle_seconds", handle_seconds)
    _check_not_negative("answer_within_seconds", answer_within_seconds)
    waiting = erlang_c(traffic, agents)
    if agents <= traffic:
        return 0.0
    return _service_level(
        waiting, traffic, agents, handle_seconds, answer_within_seconds
    )


def average_speed_of_answer(
    *, traffic: float, agents: int, handle_seconds: float
) -> float:
    """Mean wait in seconds over all calls: ASA = C AHT / (N - A); infinite
    when N <= A."""
    _check_positive("handle_seconds", handle_seconds)
    waiting = erlang_c(traffic, agents)
    if agents <= traffic:
        return math.inf
    return waiting * handle_seconds / (agents - traffic)


def occupancy(*, traffic: float, agents: int) -> float:
    """Share of the agents' time spent handling calls: A / N (over 1 means the
    agents cannot keep up)."""
    _check_traffic(traffic)
    _check_agents(agents)
    if agents == 0:
        raise ValueError("occupancy needs at least one agent.")
    return traffic / agents


def agents_required(
    *,
    traffic: float,
    handle_seconds: float,
    target_service_level: float = 0.8,
    answer_within_seconds: float = 20,
    max_occupancy: float = 0.85,
) -> int:
    """The smallest N > A that answers ``target_service_level`` of calls within
    ``answer_within_seconds`` with occupancy A / N at most ``max_occupancy``;
    0 when there is no traffic."""
    _check_traffic(traffic)
    _check_positive("handle_seconds", handle_seconds)
    _check_not_negative("answer_within_seconds", answer_within_seconds)
    if not 0 < target_service_level < 1:
        raise ValueError(
            "target_service_level must be above 0 and below 1 (a share, e.g. 0.8);"
            " no number of agents answers every call at once."
        )
    if not 0 < max_occupancy <= 1:
        raise ValueError("max_occupancy must be above 0 and at most 1 (e.g. 0.85).")
    if traffic == 0:
        return 0
    # Start where both hard limits hold: more agents than traffic, and few
    # enough calls per agent; from there the service level only rises with N.
    first = max(math.floor(traffic) + 1, whole_agents(traffic / max_occupancy))
    blocking = erlang_b(traffic, first)
    agents = first
    while True:
        waiting = _erlang_c_from_b(traffic, agents, blocking)
        level = _service_level(
            waiting, traffic, agents, handle_seconds, answer_within_seconds
        )
        if level >= target_service_level:
            return agents
        agents += 1
        blocking = traffic * blocking / (agents + traffic * blocking)


def scheduled_headcount(*, agents: int, shrinkage: float) -> int:
    """People to schedule so that ``agents`` are on the phones after shrinkage
    (breaks, training, absence, as a share of paid time): ceil(N / (1 - s))."""
    _check_agents(agents)
    if not 0 <= shrinkage < 1:
        raise ValueError(
            "shrinkage must be at least 0 and below 1 (a share of paid time,"
            " e.g. 0.3); at 1 nobody is ever on the phones."
        )
    return whole_agents(agents / (1 - shrinkage))


def _erlang_c_from_b(traffic: float, agents: int, blocking: float) -> float:
    return agents * blocking / (agents - traffic * (1 - blocking))


def _service_level(
    waiting: float,
    traffic: float,
    agents: int,
    handle_seconds: float,
    answer_within_seconds: float,
) -> float:
    decay = math.exp(-(agents - traffic) * answer_within_seconds / handle_seconds)
    return 1 - waiting * decay


def _check_calls(calls: float) -> None:
    if not math.isfinite(calls) or calls < 0:
        raise ValueError(f"calls must be a number of calls, 0 or more, not {calls!r}.")


def _check_traffic(traffic: float) -> None:
    if not math.isfinite(traffic) or traffic < 0:
        raise ValueError(f"traffic must be 0 Erlangs or more, not {traffic!r}.")


def _check_agents(agents: int) -> None:
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise ValueError(f"agents must be a whole number, 0 or more, not {agents!r}.")


def _check_positive(name: str, value: float) -> None:
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be more than 0 seconds, not {value!r}.")


def _check_not_negative(name: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be 0 seconds or more, not {value!r}.")
