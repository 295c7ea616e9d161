"""Pure calculations of training: certificate expiry, pass or fail, places
and the waitlist, clashes with shifts, the pre/post gain and its
distribution, completion rates. No Django import.

Scores are out of 100. A certificate issued on a day is valid through its
expiry day; its expiry is the issue day plus the course's validity in
months, clamped to the end of a shorter month (31 January + 1 month is
28 or 29 February), which is ``dateutil``'s month arithmetic.
"""

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import mean, median

from dateutil.relativedelta import relativedelta

PASSED, FAILED = "passed", "failed"
# Unambiguous letters and digits (no 0/O, 1/I/L): numbers are read aloud.
CERTIFICATE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GAIN_BUCKETS = (-100, -10, 0, 10, 20, 30, 40, 101)


def certificate_expiry(
    issued_on: datetime.date, validity_months: int | None
) -> datetime.date | None:
    """The last day a certificate holds, or None for one that never expires."""
    if not validity_months:
        return None
    return issued_on + relativedelta(months=validity_months)


def certificate_number(issued_on: datetime.date, choose=secrets.choice) -> str:
    """A random certificate number such as ``2026-7KQM-P3XW``: the year it
    was issued and eight characters that cannot be guessed."""
    letters = "".join(choose(CERTIFICATE_ALPHABET) for _ in range(8))
    return f"{issued_on.year}-{letters[:4]}-{letters[4:]}"


def outcome(post_score: Decimal | float, pass_mark: int) -> str:
    """Passed at or above the pass mark, failed below it."""
    return PASSED if Decimal(str(post_score)) >= pass_mark else FAILED


def may_retry(attempt: int, max_attempts: int) -> bool:
    """Whether a person who failed attempt ``attempt`` may sit it again."""
    return attempt < max_attempts


def places_left(capacity: int, holding: int) -> int:
    return max(capacity - holding, 0)


def days_until(day: datetime.date, today: datetime.date) -> int:
    return (day - today).days


def refresher_due(
    expires_on: datetime.date | None, today: datetime.date, within_days: int
) -> bool:
    """A certificate is due for renewal from ``within_days`` before its expiry
    on, expired ones included."""
    return expires_on is not None and (expires_on - today).days <= within_days


@dataclass(frozen=True)
class Span:
    start: datetime.datetime
    end: datetime.datetime


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def clashes(
    sittings: Iterable[Span], shifts: Iterable[Span]
) -> list[tuple[Span, Span]]:
    """Each (sitting, shift) pair that overlaps, in sitting order."""
    shifts = sorted(shifts, key=lambda s: s.start)
    return [
        (sitting, shift)
        for sitting in sorted(sittings, key=lambda s: s.start)
        for shift in shifts
        if overlaps(sitting, shift)
    ]


def gain(pre: float, post: float) -> float:
    """Points gained from before to after the course."""
    return post - pre


def normalised_gain(pre: float, post: float) -> float | None:
    """Hake's normalised gain: the share of the possible improvement that
    was made, ``(post - pre) / (100 - pre)``; None when the pre score left
    nothing to gain."""
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


@dataclass(frozen=True)
class GainSummary:
    count: int
    mean_pre: float | None
    mean_post: float | None
    mean_gain: float | None
    median_gain: float | None
    mean_normalised_gain: float | None
    # (label, count) per bucket of points gained, lowest first.
    distribution: tuple[tuple[str, int], ...]


def _bucket_label(low: int, high: int) -> str:
    if low == GAIN_BUCKETS[0]:
        return f"below {high}"
    if high == GAIN_BUCKETS[-1]:
        return f"{low} or more"
    return f"{low} to {high - 1}" if high - low > 1 else str(low)


def gain_distribution(gains: Iterable[float]) -> tuple[tuple[str, int], ...]:
    """How many people gained how many points, in buckets of ten."""
    counts = [0] * (len(GAIN_BUCKETS) - 1)
    for value in gains:
        for index in range(len(counts)):
            if GAIN_BUCKETS[index] <= value < GAIN_BUCKETS[index + 1]:
                counts[index] += 1
                break
    return tuple(
        (_bucket_label(GAIN_BUCKETS[i], GAIN_BUCKETS[i + 1]), counts[i])
        for i in range(len(counts))
    )


def gain_summary(pairs: Sequence[tuple[float, float]]) -> GainSummary:
    """Kirkpatrick level 2 over (pre, post) pairs: the people who sat both."""
    if not pairs:
        return GainSummary(0, None, None, None, None, None, gain_distribution([]))
    gains = [gain(pre, post) for pre, post in pairs]
    normalised = [g for g in (normalised_gain(p, q) for p, q in pairs) if g is not None]
    return GainSummary(
        count=len(pairs),
        mean_pre=mean(p for p, _ in pairs),
        mean_post=mean(q for _, q in pairs),
        mean_gain=mean(gains),
        median_gain=median(gains),
        mean_normalised_gain=mean(normalised) if normalised else None,
        distribution=gain_distribution(gains),
    )


def rating_summary(ratings: Iterable[int]) -> tuple[float | None, dict[int, int]]:
    """Kirkpatrick level 1: the mean rating and how many gave each of 1–5."""
    ratings = list(ratings)
    counts = dict.fromkeys(range(1, 6), 0)
    for rating in ratings:
        counts[rating] += 1
    return (mean(ratings) if ratings else None), counts


def completion_rate(completed: int, assigned: int) -> float | None:
    """Share of people assigned who passed; None when nobody was."""
    return completed / assigned if assigned else None
