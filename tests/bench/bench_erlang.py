"""Erlang C benchmark: the required agents of a day's board for a large floor,
and the recursion against the exact textbook formula where both can run.

    .venv/bin/python tests/bench/bench_erlang.py [--repeats 5]

Pure Python, no database. Prints:

- board: ``agents_required`` (80% in 20 s, at most 85% occupancy) for 48
  half-hour intervals x 30 teams, each team's load following a day curve
  (quiet at night, peaks at 10:00 and 15:00) up to a peak between 20 and
  2,000 Erlangs; median seconds of the whole board over ``--repeats`` runs,
  microseconds per interval, and the largest load and answer;
- reference: at small and medium loads (up to 100 Erlangs) the recursion's
  ``erlang_c`` against the textbook formula in exact rationals (factorial
  sums, ``fractions.Fraction``): time per value of each, and the largest
  difference, which must stay under 1e-12.
"""

import argparse
import math
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.attendance.erlang_reference import exact_erlang_c  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from workforce.attendance.staffing.erlang import agents_required, erlang_c  # noqa: E402

TEAMS = 30
INTERVALS = 48
HANDLE_SECONDS = 300


def day_curve(interval: int) -> float:
    """Share of the peak load in half hour ``interval``: two bumps, at 10:00
    and 15:00, over a floor of 2% at night."""
    hour = interval / 2
    bumps = math.exp(-(((hour - 10) / 2.0) ** 2)) + 0.9 * math.exp(
        -(((hour - 15) / 2.5) ** 2)
    )
    return max(0.02, min(1.0, bumps))


def board_loads() -> list[float]:
    """Erlangs per team and interval: team peaks spread from 20 to 2,000."""
    peaks = [20 * (100 ** (team / (TEAMS - 1))) for team in range(TEAMS)]
    return [peak * day_curve(i) for peak in peaks for i in range(INTERVALS)]


def time_board(loads: list[float], repeats: int) -> tuple[float, list[int]]:
    runs, answers = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        answers = [
            agents_required(traffic=a, handle_seconds=HANDLE_SECONDS) for a in loads
        ]
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), answers


def compare_reference() -> None:
    cases = [
        (Fraction(numerator, 4), agents)
        for numerator in (2, 10, 40, 97, 200, 400)
        for agents in range(numerator // 4 + 1, numerator // 4 + 25, 4)
    ]
    started = time.perf_counter()
    recursion = [erlang_c(float(a), n) for a, n in cases]
    recursion_seconds = time.perf_counter() - started
    started = time.perf_counter()
    exact = [exact_erlang_c(a, n) for a, n in cases]
    exact_seconds = time.perf_counter() - started
    worst = max(abs(r - float(e)) for r, e in zip(recursion, exact, strict=True))
    count = len(cases)
    print(
        f"reference: {count} values, A 0.5 to 100 Erlangs, N from A+1 to A+24\n"
        f"  recursion {recursion_seconds / count * 1e6:9.1f} µs a value\n"
        f"  exact     {exact_seconds / count * 1e6:9.1f} µs a value"
        f" ({exact_seconds / recursion_seconds:.0f}x)\n"
        f"  largest difference {worst:.2e}"
        f" {'PASS' if worst < 1e-12 else 'FAIL'} (< 1e-12)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    print(machine_line())
    loads = board_loads()
    seconds, answers = time_board(loads, arguments.repeats)
    largest = max(range(len(loads)), key=loads.__getitem__)
    print(
        f"board: {TEAMS} teams x {INTERVALS} intervals = {len(loads)} requirements,"
        f" median {seconds * 1000:.1f} ms ({seconds / len(loads) * 1e6:.0f} µs each);"
        f" largest load {loads[largest]:.0f} Erlangs -> {answers[largest]} agents;"
        f" {sum(answers):,} agent-intervals in all"
    )
    compare_reference()


if __name__ == "__main__":
    main()
