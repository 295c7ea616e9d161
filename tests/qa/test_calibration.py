"""Calibration: analysts score the same calls apart from the real
evaluations; the report gives the agreement per item and each analyst's
deviation from the others, checked against hand-worked numbers."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deskbook.core.roles import MANAGER
from tests.factories import UserFactory
from tests.qa.scoring_floor import build
from training.qa.evaluation_selectors import calibration_report
from training.qa.models import Call, Evaluation, SampledCall
from training.qa.services.calibration import (
    calibration_rate,
    calibration_session_create,
)
from training.qa.services.disputes import dispute_decide, dispute_raise
from training.qa.services.evaluations import AnswerInput, evaluation_save


@pytest.fixture
def qa_floor(db, site_tree):
    floor = build()
    floor["boss"] = UserFactory(username="boss", roles=[MANAGER])
    return floor


def session_of(floor, calls, analysts=None):
    return calibration_session_create(
        title="March calibration",
        held_on=datetime.date(2026, 4, 3),
        version=floor["version"],
        analysts=analysts or floor["analysts"],
        calls=calls,
        by=floor["boss"],
    )


def rate(floor, session, analyst, call, plan):
    items = floor["items"]
    calibration_rate(
        session=session,
        analyst=analyst,
        call=call,
        answers={
            items["disclosure"].pk: "yes",
            items["verification"].pk: "yes",
            items["plan"].pk: plan,
            items["tone"].pk: "4",
        },
        by=analyst.user,
    )


def test_the_report_gives_kappa_and_each_analysts_deviation(qa_floor):
    calls = list(Call.objects.order_by("pk")[:4])
    session = session_of(qa_floor, calls)
    first, second = qa_floor["analysts"]
    for call, a, b in zip(
        calls, ["yes", "yes", "no", "no"], ["yes", "no", "no", "no"], strict=True
    ):
        rate(qa_floor, session, first, call, a)
        rate(qa_floor, session, second, call, b)
    report = calibration_report(session=session)
    by_item = {item.pk: agreement for item, agreement in report["items"]}
    plan = by_item[qa_floor["items"]["plan"].pk]
    # p_o = 3/4; p_e = 1/2 x 1/4 + 1/2 x 3/4 = 1/2; kappa = (3/4 - 1/2) / (1/2)
    assert plan.cohen_kappa == pytest.approx(0.5, abs=1e-12)
    assert plan.raters == 2 and plan.units == 4
    disclosure = by_item[qa_floor["items"]["disclosure"].pk]
    assert disclosure.alpha is None and "same rating" in disclosure.note
    deviations = dict(report["deviations"])
    # One disagreement in 16 item ratings: +1 for the first, -1 for the second.
    assert deviations[first].mean_deviation == pytest.approx(1 / 16)
    assert deviations[second].mean_deviation == pytest.approx(-1 / 16)
    # Calibration never makes an evaluation.
    assert not Evaluation.objects.exists()


def test_only_the_sessions_analysts_rate_and_every_item_is_needed(qa_floor):
    call = Call.objects.first()
    first, second = qa_floor["analysts"]
    session = session_of(qa_floor, [call])
    outsider = UserFactory(username="outsider")
    with pytest.raises(PermissionDenied):
        calibration_rate(
            session=session, analyst=first, call=call, answers={}, by=outsider
        )
    with pytest.raises(ValidationError) as refused:
        calibration_rate(
            session=session,
            analyst=first,
            call=call,
            answers={qa_floor["items"]["plan"].pk: "yes"},
            by=first.user,
        )
    assert len(refused.value.message_dict) == 3


def test_a_session_needs_two_analysts_and_a_manager(qa_floor):
    call = Call.objects.first()
    with pytest.raises(ValidationError, match="two analysts"):
        session_of(qa_floor, [call], analysts=qa_floor["analysts"][:1])
    with pytest.raises(PermissionDenied):
        calibration_session_create(
            title="x",
            held_on=datetime.date(2026, 4, 3),
            version=qa_floor["version"],
            analysts=qa_floor["analysts"],
            calls=[call],
            by=qa_floor["analysts"][0].user,
        )


def test_a_disputed_call_joins_the_next_session(qa_floor, frozen_time):
    frozen_time("2026-04-02 10:00")
    sampled = SampledCall.objects.select_related("analyst__user").first()
    items = qa_floor["items"]
    evaluation = evaluation_save(
        sampled_call=sampled,
        analyst=sampled.analyst,
        by=sampled.analyst.user,
        answers={
            items["disclosure"].pk: AnswerInput("yes"),
            items["verification"].pk: AnswerInput("yes"),
            items["plan"].pk: AnswerInput("no"),
            items["tone"].pk: AnswerInput("3"),
        },
        submit=True,
    )
    dispute = dispute_raise(
        evaluation=evaluation,
        by=evaluation.collector.user,
        items=[items["plan"]],
        reason="I did offer it.",
    )
    dispute_decide(
        dispute=dispute,
        by=qa_floor["lead"],
        uphold=False,
        note="Unclear: calibrate.",
        for_calibration=True,
    )
    other = Call.objects.exclude(pk=sampled.call_id).first()
    session = session_of(qa_floor, [other])
    assert set(session.calls.values_list("pk", flat=True)) == {
        other.pk,
        sampled.call_id,
    }
    # Once in a session it does not join the one after.
    later = session_of(qa_floor, [other])
    assert list(later.calls.values_list("pk", flat=True)) == [other.pk]


def test_the_session_pages_open_to_its_analysts_and_managers_only(client, qa_floor):
    calls = list(Call.objects.order_by("pk")[:2])
    first, second = qa_floor["analysts"]
    session = session_of(qa_floor, calls, analysts=[first, second])
    url = f"/admin/qa/calibration/{session.pk}/"
    client.force_login(first.user)
    assert client.get(url).status_code == 200
    rate_url = f"{url}calls/{calls[0].pk}/"
    assert client.get(rate_url).status_code == 200
    items = qa_floor["items"]
    saved = client.post(
        rate_url,
        {
            f"item_{items['disclosure'].pk}": "yes",
            f"item_{items['verification'].pk}": "no",
            f"item_{items['plan'].pk}": "yes",
            f"item_{items['tone'].pk}": "2",
        },
    )
    assert saved.status_code == 302
    client.force_login(qa_floor["boss"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Krippendorff" in page.content.decode()
    assert client.get(rate_url).status_code == 403  # not one of its analysts
    client.force_login(qa_floor["collectors"][0].user)
    assert client.get(url).status_code == 403
    assert client.get("/admin/qa/calibration/").status_code == 403
    client.force_login(qa_floor["boss"])
    new = client.post(
        "/admin/qa/calibration/new/",
        {
            "title": "April",
            "held_on": "2026-05-01",
            "version": qa_floor["version"].pk,
            "analysts": [first.pk, second.pk],
            "call_ids": "C0-0, NOPE",
            "threshold": "0.667",
        },
    )
    assert new.status_code == 200
    assert re.search(r"Unknown call ids: NOPE", new.content.decode())
