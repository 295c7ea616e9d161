"""QA sampling benchmark: a month's sample drawn from the frame of the large
demo (500 collectors), against the bare work any seeded draw must do.

    .venv/bin/python tests/bench/bench_qa_sampling.py [--calls 333000] [--repeats 3]

Pure Python, no database: the frame is built in memory (``--calls`` right-party
contacts, 500 collectors, each call with each of seven risk factors at 10%).
Prints, as medians over ``--repeats`` runs:

- design: every call's inclusion probability (``sampling_design``: the minimum
  phase's pi1, the risk weights, the solve for c);
- draw: ``draw_sample`` from a seed;
- baseline: the frame sorted by (collector, call) and two uniforms drawn per
  call, the least a reproducible two-phase draw does; the ratio of design +
  draw to it;
- queues: ``assign_to_queues`` over 25 analysts, five of them collectors too;
- estimates: ``collector_estimates`` over the sample with made-up scores;
- PASS/FAIL for design + draw against the issue's 2 s for the whole sample
  draw (which also reads the frame from the database and writes the sample).
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.machine import machine_line  # noqa: E402
from training.qa.calculations.queues import assign_to_queues  # noqa: E402
from training.qa.calculations.sampling import (  # noqa: E402
    FrameCall,
    SamplingPlan,
    collector_estimates,
    draw_sample,
    sampling_design,
)

COLLECTORS = 500
FACTORS = (
    "new_hire",
    "critical_fail_last_period",
    "course_completed",
    "dispute",
    "contact_rule_breach",
    "high_balance",
    "late_bucket",
)
PLAN = SamplingPlan(
    minimum_per_collector=4,
    extra_calls=1000,
    risk_weights={factor: 1.5 + 0.5 * rank for rank, factor in enumerate(FACTORS)},
)
TARGET_SECONDS = 2.0


def build_frame(calls: int) -> list[FrameCall]:
    generator = random.Random(2026)
    return [
        FrameCall(
            number,
            generator.randrange(COLLECTORS),
            frozenset(f for f in FACTORS if generator.random() < 0.1),
        )
        for number in range(calls)
    ]


def baseline(frame: list[FrameCall], seed: int) -> None:
    ordered = sorted(frame, key=lambda call: (call.collector_id, call.call_id))
    generator = random.Random(seed)
    [generator.random() for _ in ordered]
    [generator.random() for _ in ordered]


def median_seconds(work, repeats: int):
    runs, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=333_000)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    print(machine_line())
    frame = build_frame(arguments.calls)
    repeats = arguments.repeats

    design_seconds, design = median_seconds(
        lambda: sampling_design(frame, PLAN), repeats
    )
    draw_seconds, sample = median_seconds(
        lambda: draw_sample(design, 20261101), repeats
    )
    base_seconds, _ = median_seconds(lambda: baseline(frame, 20261101), repeats)
    analysts = list(range(0, COLLECTORS, 100)) + [f"analyst-{n}" for n in range(20)]
    pairs = [(call.call_id, call.collector_id) for call in sample.calls]
    queue_seconds, queues = median_seconds(
        lambda: assign_to_queues(pairs, analysts), repeats
    )
    scores = random.Random(1)
    scored = [
        (call.collector_id, scores.random(), call.inclusion_probability)
        for call in sample.calls
    ]
    estimate_seconds, _ = median_seconds(lambda: collector_estimates(scored), repeats)

    total = design_seconds + draw_seconds
    sizes = [list(queues.values()).count(analyst) for analyst in analysts]
    print(
        f"frame: {len(frame):,} right-party contacts, {COLLECTORS} collectors;"
        f" sample {len(sample.calls):,} calls"
        f" (expected {design.expected_size:,.1f}: {sum(design.minimum_sizes.values())}"
        f" minimum + {design.expected_extra:,.1f} extra)\n"
        f"  design    {design_seconds * 1000:8.0f} ms\n"
        f"  draw      {draw_seconds * 1000:8.0f} ms\n"
        f"  baseline  {base_seconds * 1000:8.0f} ms (sort + two uniforms a call);"
        f" design + draw = {total / base_seconds:.1f}x baseline\n"
        f"  queues    {queue_seconds * 1000:8.1f} ms ({len(analysts)} analysts,"
        f" sizes {min(sizes)} to {max(sizes)})\n"
        f"  estimates {estimate_seconds * 1000:8.1f} ms"
        f" ({len({c for c, _, _ in scored})} collectors)\n"
        f"design + draw {total:.2f} s {'PASS' if total <= TARGET_SECONDS else 'FAIL'}"
        f" (<= {TARGET_SECONDS:.0f} s)"
    )


if __name__ == "__main__":
    main()
