"""Erlang C computed independently of the recursion, for tests and the
benchmark: the textbook formula in exact rationals, and the same formula in
logarithms with numpy for sizes where exact rationals grow slow."""

import math
from fractions import Fraction

import numpy


def exact_erlang_c(traffic: Fraction, agents: int) -> Fraction:
    """The textbook formula in exact rationals, factorial sums and all:
    C = (A^N/N! . N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! . N/(N-A))."""
    series = sum(
        (traffic**k / math.factorial(k) for k in range(agents)), start=Fraction(0)
    )
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    return top / (series + top)


def poisson_erlang_c(traffic: float, agents: int) -> float:
    """The same formula in logarithms with numpy (Poisson terms A^k/k!, summed
    by log-sum-exp), so it stays finite where A^N and N! overflow a float."""
    k = numpy.arange(agents + 1, dtype=float)
    log_factorial = numpy.concatenate(([0.0], numpy.cumsum(numpy.log(k[1:]))))
    log_terms = k * math.log(traffic) - log_factorial
    head = log_terms[:-1]
    peak = head.max()
    log_series = peak + math.log(numpy.exp(head - peak).sum())
    log_top = log_terms[-1] + math.log(agents) - math.log(agents - traffic)
    return 1.0 / (1.0 + math.exp(log_series - log_top))
