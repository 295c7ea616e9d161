"""Demo QA evaluations: the *Collection call* scorecard with its critical
items, last month's sample drawn from the call log, evaluations (some failing
a critical item), one dispute, a calibration session of four analysts and a
lead's coaching; all through the services, so the scores, probabilities and
queues are what the app itself writes.

Before last month, the two months the call log covers are drawn and scored
in full (no critical fail among them): the history the course report's
levels 3 and 4 compare. The training demo's cohort of *Promises that are
kept* scores better after its session on the items naming that course as
their refresher; last month, beside the first twelve calls, the calls in
the thirty days after that session are scored too (the cohort's first),
while each analyst keeps at least ``QUEUE_LEFT`` calls to score.

Run by ``seed_demo`` after the call log (order 27); three more QA analysts
are seeded with the people (order 11). Where the log holds no
right-party contact of the desk early collection team last month, a few
demo calls (``QADEMO-…``) are written for its collectors. Idempotent: the
scorecard, the sample, the calibration session and the coaching are matched
on natural keys (name, period, title, collector and follow-up date), and a
sampled call is scored once. No e-mail leaves: the demo's people are made up."""

import datetime
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Min
from django.utils import timezone

from deskbook.core.roles import MANAGER, QA_ANALYST
from training.courses.models import Course
from workforce.people.models import Staff, Team
from workforce.scheduling import notifications

from .demo import effect_course_ended
from .models import (
    CalibrationSession,
    Call,
    CoachingRecord,
    Dispute,
    Evaluation,
    Item,
    SampledCall,
    SampleDraw,
    Scorecard,
    Section,
)
from .models.calls import RIGHT_PARTY_OUTCOMES
from .services.calibration import calibration_rate, calibration_session_create
from .services.disputes import coaching_record, dispute_raise
from .services.evaluations import AnswerInput, evaluation_save
from .services.samples import default_plan, month_bounds, sample_draw
from .services.scorecards import scorecard_create

SCORECARD = "Collection call"
TEAM = "Desk early collection"
EXTRA_ANALYSTS = [
    ("qa2", "Farah", "Yusof"),
    ("qa3", "Kenneth", "Goh"),
    ("qa4", "Mei Ling", "Chua"),
]
# Each month's sample: two calls per collector and five more, by risk.
PLAN = {"minimum_per_collector": 2, "extra_calls": 5}
SEED = 2026
# The months before last month drawn and scored in full, each only where
# the call log covers it from this day of the month on.
HISTORY_MONTHS = 2
HISTORY_FROM_DAY = 10
# The effect course's items (keys below): the share of calls answered yes,
# in percent, before its session (and by everyone not trained) and after.
EFFECT_SHARES = {"plan": (60, 90), "promise": (55, 85)}
# Last month, the calls this many days after the effect cohort's session
# are scored (the course report's after period is thirty days) ...
EFFECT_FOLLOW_DAYS = 30
# ... unless that would leave an analyst fewer calls than this to score.
QUEUE_LEFT = 8


def _item(key, text, *, weight=1, critical="", na=True, scale=None, refresher=""):
    """An item of the demo scorecard; ``critical`` is its rule reference,
    ``refresher`` the code of the training demo's course that addresses it
    (a critical failure sends the collector to it)."""
    return {
        "key": key,
        "refresher": refresher,
        "text": text,
        "kind": "scale" if scale else "yes_no",
        "scale_max": scale,
        "weight": Decimal(weight),
        "critical": bool(critical),
        "rule_reference": critical,
        "allows_na": na,
    }


STRUCTURE = [
    (
        "Compliance",
        50,
        [
            _item(
                "disclosure",
                "Said they are a debt collector and the call is recorded",
                critical="Code of conduct §2.1",
                na=False,
                refresher="disclosure-refresh",
            ),
            _item(
                "verification",
                "Verified the right party before discussing the debt",
                critical="Code of conduct §2.3",
                na=False,
                refresher="disclosure-refresh",
            ),
            _item(
                "no_threats",
                "No threats or misleading statements",
                critical="Code of conduct §3.1",
                na=False,
            ),
            _item(
                "cease",
                "Respected a request to stop calling",
                critical="Code of conduct §4.2",
            ),
        ],
    ),
    (
        "Negotiation",
        35,
        [
            _item("balance", "Stated the balance and the days past due", na=False),
            _item(
                "plan",
                "Offered a payment plan that fits the debtor",
                weight=2,
                refresher="promises",
            ),
            _item(
                "promise",
                "Confirmed the promise's amount and date",
                weight=2,
                refresher="promises",
            ),
        ],
    ),
    (
        "Manner",
        15,
        [
            _item("tone", "Tone and courtesy", scale=4, na=False),
            _item(
                "listening",
                "Listened and answered the debtor's questions",
                scale=4,
                na=False,
            ),
        ],
    ),
]
# Answers by evaluation, cycled: the fourth fails the verification, the
# seventh misleads the debtor.
PATTERNS = [
    {},
    {"plan": "no", "tone": "3"},
    {"promise": "na", "listening": "2"},
    {"verification": "no", "tone": "2"},
    {"balance": "no", "plan": "no", "tone": "3", "listening": "3"},
    {"cease": "yes", "plan": "na", "promise": "na"},
    {"no_threats": "no", "tone": "1", "listening": "1"},
    {"tone": "4", "listening": "4"},
]
BASE = {
    "disclosure": "yes",
    "verification": "yes",
    "no_threats": "yes",
    "cease": "na",
    "balance": "yes",
    "plan": "yes",
    "promise": "yes",
    "tone": "3",
    "listening": "3",
}


def seed_qa_evaluations(*, size: str, log) -> None:
    manager = get_user_model().objects.filter(groups__name=MANAGER).first()
    if manager is None:
        log("  qa evaluations: no manager to draw the sample, skipped")
        return
    with notifications.quiet():
        scorecard, items = _scorecard(manager)
        analysts = _analysts()
        effect = EffectAnswers()
        _history(manager, scorecard, items, effect)
        first_day, *_ = month_bounds(_last_month())
        draw = SampleDraw.objects.filter(period_start=first_day).first()
        if draw is None:
            _calls_if_none(first_day)
            draw = _draw(first_day, manager, scorecard)
        evaluations = _evaluate(draw, items, effect)
        _dispute(evaluations, items)
        _calibrate(manager, scorecard, analysts, items)
        _coach(evaluations, items)
    log(
        f"  qa evaluations: {draw}, {draw.calls.count()} sampled calls, "
        f"{Evaluation.objects.standing().count()} final evaluations, "
        f"{Dispute.objects.count()} dispute(s), "
        f"{CalibrationSession.objects.count()} calibration session(s), "
        f"{CoachingRecord.objects.count()} coaching record(s)"
    )


def _draw(first_day: datetime.date, manager, scorecard) -> SampleDraw:
    """The month's sample by the demo's plan and seed."""
    return sample_draw(
        period=first_day,
        by=manager,
        scorecard=scorecard,
        plan=default_plan(**PLAN),
        seed=SEED,
    )


def _last_month() -> datetime.date:
    return timezone.localdate().replace(day=1) - datetime.timedelta(days=1)


def _scorecard(manager):
    scorecard = Scorecard.objects.filter(name=SCORECARD).first()
    if scorecard is None:
        scorecard = scorecard_create(
            name=SCORECARD,
            by=manager,
            description="The code of conduct on every collection call.",
        )
        version = scorecard.current_version()
        courses = {course.code: course for course in Course.objects.all()}
        for order, (title, weight, rows) in enumerate(STRUCTURE):
            section = Section.objects.create(
                version=version, title=title, weight=Decimal(weight), sort_order=order
            )
            Item.objects.bulk_create(
                Item(
                    section=section,
                    sort_order=n,
                    refresher_course=courses.get(row["refresher"]),
                    **{
                        name: value
                        for name, value in row.items()
                        if name not in ("key", "refresher")
                    },
                )
                for n, row in enumerate(rows)
            )
    version = scorecard.versions.order_by("number").first()
    texts = {row["text"]: row["key"] for _, _, rows in STRUCTURE for row in rows}
    items = {
        texts[item.text]: item
        for item in Item.objects.filter(section__version=version)
        if item.text in texts
    }
    return scorecard, items


def seed_qa_analysts(*, size: str, log) -> None:
    """Three QA analysts beside the demo's ``qa``, for calibration: seeded
    with the people (order 11), so the later demos (leave) count them too."""
    group = Group.objects.get(name=QA_ANALYST)
    User = get_user_model()
    for username, first, last in EXTRA_ANALYSTS:
        user, made = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@deskbook.example",
            },
        )
        if made:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(group)
        Staff.objects.get_or_create(
            user=user,
            defaults={
                "employee_number": f"QA-{username}",
                "first_name": first,
                "last_name": last,
                "job_title": Staff.JobTitle.QA_ANALYST,
                "hired_on": datetime.date(2021, 6, 1),
            },
        )
    log(f"  qa analysts: {', '.join(name for name, *_ in EXTRA_ANALYSTS)} beside qa")


def _analysts() -> list[Staff]:
    """The demo's QA analysts, the first four."""
    return list(
        Staff.objects.filter(
            user__groups__name=QA_ANALYST, user__is_active=True
        ).order_by("pk")[:4]
    )


def _calls_if_none(first_day: datetime.date) -> None:
    """Demo calls for the team's collectors when the log has none last month."""
    _, last_day, first, last = month_bounds(first_day)
    team = Team.objects.filter(name=TEAM).first()
    if team is None:
        return
    collectors = list(
        Staff.objects.filter(
            memberships__team=team,
            memberships__valid_to__isnull=True,
            job_title=Staff.JobTitle.DESK_COLLECTOR,
        ).order_by("pk")
    )
    if (
        Call.objects.started_between(first, last)
        .right_party()
        .filter(collector__in=collectors)
        .exists()
    ):
        return
    zone = timezone.get_default_timezone()
    outcomes = [o for o in RIGHT_PARTY_OUTCOMES if o != "promise_to_pay"]
    calls = []
    for c, collector in enumerate(collectors):
        for n in range(6):
            day = first_day + datetime.timedelta(days=2 + 4 * n + c % 3)
            calls.append(
                Call(
                    call_id=f"QADEMO-{collector.employee_number}-{n}",
                    collector=collector,
                    account_reference=f"ACC-D{c:02d}{n}",
                    dpd_bucket=["1-30 DPD", "31-60 DPD", "61-90 DPD"][n % 3],
                    started_at=datetime.datetime.combine(
                        day, datetime.time(9 + n, 15 * (c % 4)), zone
                    ),
                    duration_seconds=180 + 30 * n,
                    direction="outbound",
                    outcome=outcomes[(c + n) % len(outcomes)],
                    recording_reference=f"rec/demo/{collector.employee_number}/{n}",
                )
            )
    Call.objects.bulk_create(calls, ignore_conflicts=True)


class EffectAnswers:
    """The answers to the effect course's items (``EFFECT_SHARES``): yes on
    a share of the calls by state (trained or not, after the session or
    not), spread evenly over the calls in the order they are scored, so any
    run of them (one of the report's periods) holds close to that share."""

    def __init__(self):
        self.ended = effect_course_ended()
        self.given: Counter = Counter()

    def followed(self, call: Call) -> bool:
        """A call in the ``EFFECT_FOLLOW_DAYS`` after the cohort's session."""
        if not self.ended:
            return False
        day = timezone.localdate(call.started_at)
        return (
            min(self.ended.values())
            < day
            <= max(self.ended.values()) + datetime.timedelta(days=EFFECT_FOLLOW_DAYS)
        )

    def trained(self, call: Call) -> bool:
        return call.collector_id in self.ended

    def answers(self, call: Call) -> dict[str, str]:
        ended = self.ended.get(call.collector_id)
        after = ended is not None and timezone.localdate(call.started_at) > ended
        state = (ended is not None, after)
        given = {}
        for key, (before_share, after_share) in EFFECT_SHARES.items():
            share = after_share if after else before_share
            n = self.given[key, state]
            self.given[key, state] += 1
            given[key] = "yes" if (n + 1) * share // 100 > n * share // 100 else "no"
        return given


def _answers(items, n: int, effect: dict[str, str], *, critical_fails=True):
    """The ``n``-th pattern with the effect course's items answered as
    ``effect`` says; without ``critical_fails``, no critical item fails."""
    pattern = PATTERNS[n % len(PATTERNS)]
    given = {
        **BASE,
        **{
            key: value
            for key, value in pattern.items()
            if critical_fails or not (items[key].critical and value == "no")
        },
        **effect,
    }
    return {
        items[key].pk: AnswerInput(
            value, "Heard at the start of the call." if value == "no" else ""
        )
        for key, value in given.items()
    }


def _score(sampled: SampledCall, answers) -> None:
    evaluation_save(
        sampled_call=sampled,
        analyst=sampled.analyst,
        by=sampled.analyst.user,
        answers=answers,
        summary="Scored from the recording.",
        submit=True,
    )


def _history(manager, scorecard, items, effect: EffectAnswers) -> None:
    """The ``HISTORY_MONTHS`` before last month, oldest first: each drawn
    where the log covers it, and every sampled call scored, in the order
    the calls were made."""
    months = [_last_month().replace(day=1)]
    for _ in range(HISTORY_MONTHS):
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    for first_day in reversed(months[1:]):
        draw = SampleDraw.objects.filter(period_start=first_day).first()
        if draw is None:
            _, _, first, last = month_bounds(first_day)
            began = (
                Call.objects.started_between(first, last)
                .right_party()
                .aggregate(first=Min("started_at"))["first"]
            )
            if began is None or timezone.localdate(began).day > HISTORY_FROM_DAY:
                continue
            draw = _draw(first_day, manager, scorecard)
        unscored = sorted(
            SampledCall.objects.filter(draw=draw, evaluations__isnull=True)
            .select_related("analyst__user", "call")
            .order_by("pk"),
            key=lambda sampled: (sampled.call.started_at, sampled.pk),
        )
        for n, sampled in enumerate(unscored):
            answers = effect.answers(sampled.call)
            _score(sampled, _answers(items, n, answers, critical_fails=False))


def _evaluate(draw: SampleDraw, items, effect: EffectAnswers) -> list[Evaluation]:
    """Scores the first twelve sampled calls of the draw not scored yet, and
    the calls in the days after the effect cohort's session (the cohort's
    first) while each analyst keeps ``QUEUE_LEFT`` calls to score; returns
    the twelve's evaluations."""
    sampled = list(
        SampledCall.objects.filter(draw=draw)
        .select_related("analyst__user", "call")
        .order_by("pk")
    )
    done = set(
        Evaluation.objects.filter(sampled_call__draw=draw).values_list(
            "sampled_call_id", flat=True
        )
    )
    first_twelve = sampled[:12]
    # Sampled call pk -> (its pattern, whether it may fail a critical item).
    to_score = {
        call.pk: (n, True) for n, call in enumerate(first_twelve) if call.pk not in done
    }
    left = Counter(
        call.analyst_id
        for call in sampled
        if call.pk not in done and call.pk not in to_score
    )
    # The cohort's calls first, then the others' over the same days.
    for n, call in sorted(
        enumerate(sampled[12:]), key=lambda pair: not effect.trained(pair[1].call)
    ):
        if call.pk in done or not effect.followed(call.call):
            continue
        if left[call.analyst_id] <= QUEUE_LEFT:
            continue
        left[call.analyst_id] -= 1
        to_score[call.pk] = (n, False)
    for call in sorted(
        (call for call in sampled if call.pk in to_score),
        key=lambda call: (call.call.started_at, call.pk),
    ):
        n, critical_fails = to_score[call.pk]
        answers = effect.answers(call.call)
        _score(call, _answers(items, n, answers, critical_fails=critical_fails))
    return list(
        Evaluation.objects.standing()
        .filter(sampled_call__in=first_twelve)
        .select_related("collector__user", "call")
        .order_by("pk")
    )


def _dispute(evaluations, items) -> None:
    if Dispute.objects.exists():
        return
    disputable = [
        e
        for e in evaluations
        if e.collector.user_id and e.answers.filter(item=items["plan"], answer="no")
    ] or [e for e in evaluations if e.collector.user_id]
    if not disputable:
        return
    evaluation = disputable[0]
    dispute_raise(
        evaluation=evaluation,
        by=evaluation.collector.user,
        items=[items["plan"]],
        reason="I offered a plan of three instalments near the end of the call.",
    )


def _calibrate(manager, scorecard, analysts, items) -> None:
    title = "Calibration: compliance items"
    if len(analysts) < 4 or CalibrationSession.objects.filter(title=title).exists():
        return
    calls = list(Call.objects.filter(sampled__isnull=False).order_by("pk")[:3])
    if not calls:
        return
    session = calibration_session_create(
        title=title,
        held_on=timezone.localdate(),
        version=scorecard.versions.order_by("number").first(),
        analysts=analysts,
        calls=calls,
        by=manager,
    )
    # The fourth analyst is more lenient on the plan and the tone; the second
    # passes a verification the others fail.
    for a, analyst in enumerate(analysts):
        for c, call in enumerate(calls):
            given = {
                **BASE,
                "plan": "yes" if a == 3 or c != 1 else "no",
                "tone": str(min(4, 2 + c + (a == 3))),
                "verification": "yes" if c != 2 or a == 1 else "no",
            }
            calibration_rate(
                session=session,
                analyst=analyst,
                call=call,
                answers={items[key].pk: value for key, value in given.items()},
                by=analyst.user,
            )


def _coach(evaluations, items) -> None:
    failed = [e for e in evaluations if e.critical_failed]
    if not failed or CoachingRecord.objects.exists():
        return
    evaluation = failed[0]
    day = timezone.localdate(evaluation.call.started_at)
    lead = (
        Staff.objects.filter(
            led_teams__memberships__staff=evaluation.collector,
            led_teams__memberships__valid_from__lte=day,
            user__isnull=False,
        )
        .select_related("user")
        .first()
    )
    if lead is None:
        return
    coaching_record(
        collector=evaluation.collector,
        by=lead.user,
        evaluations=[evaluation],
        focus_items=[items["verification"]],
        agreed_actions="Ask for the date of birth and the account's last four "
        "digits before naming the debt; listen back to two calls together.",
        follow_up_on=timezone.localdate() + datetime.timedelta(days=7),
    )
