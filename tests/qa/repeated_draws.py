"""The sample drawn again and again from one design, to check an estimator."""

import math

from training.qa.calculations.sampling import draw_sample, hajek_estimate


def mean_estimates(design, scores, draws: int) -> tuple[float, float]:
    """The Hájek and the plain mean, each averaged over ``draws`` seeds."""
    weighted, plain = [], []
    for seed in range(draws):
        sample = draw_sample(design, seed)
        estimate = hajek_estimate(
            (scores[c.call_id], c.inclusion_probability) for c in sample.calls
        )
        weighted.append(estimate.weighted_mean)
        plain.append(estimate.plain_mean)
    return math.fsum(weighted) / draws, math.fsum(plain) / draws
