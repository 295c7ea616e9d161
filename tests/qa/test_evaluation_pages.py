"""The QA evaluation pages: an analyst's queue and scoring form, a
collector's evaluations and dispute, the lead's decision and coaching, the
scorecard page, the listings and exports, the dashboard panels; who may open
each (an exact 403 for everyone else) and flat query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, QA_ANALYST
from tests.factories import UserFactory
from tests.qa.scoring_floor import build
from tests.workforce.factories import StaffFactory, TeamFactory
from training.qa.calculations.scoring import FORMULA
from training.qa.models import CoachingRecord, Dispute, Evaluation, SampledCall
from training.qa.services.evaluations import AnswerInput, evaluation_save


@pytest.fixture
def qa_floor(db, site_tree):
    return build()


def text(response) -> str:
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html)


def first_in_queue():
    return SampledCall.objects.select_related("analyst__user").order_by("pk").first()


def post_answers(items, **given):
    data = {"disclosure": "yes", "verification": "yes", "plan": "yes", "tone": "4"}
    data.update(given)
    return {f"item_{items[key].pk}": value for key, value in data.items()}


def submit(floor, sampled, **given):
    base = {"disclosure": "yes", "verification": "yes", "plan": "yes", "tone": "4"}
    base.update(given)
    return evaluation_save(
        sampled_call=sampled,
        analyst=sampled.analyst,
        by=sampled.analyst.user,
        answers={floor["items"][k].pk: AnswerInput(v) for k, v in base.items()},
        submit=True,
    )


def test_the_analyst_scores_a_call_from_the_queue_and_it_is_final(client, qa_floor):
    sampled = first_in_queue()
    client.force_login(sampled.analyst.user)
    queue = client.get("/admin/qa/my-queue/")
    assert queue.status_code == 200
    assert sampled.call.call_id in text(queue)
    url = f"/admin/qa/my-queue/{sampled.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "Said they are a debt collector" in text(form)
    draft = client.post(url, {**post_answers(qa_floor["items"]), "draft": "1"})
    assert draft.status_code == 302
    assert Evaluation.objects.get().status == "draft"
    done = client.post(
        url,
        {
            **post_answers(qa_floor["items"], verification="no"),
            f"comment_{qa_floor['items']['verification'].pk}": "Discussed the debt "
            "before the date of birth",
            "submit": "1",
        },
    )
    assert done.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.status, evaluation.critical_failed) == ("final", True)
    page = client.get(url)
    assert "It cannot be changed" in text(page)
    assert '<form method="post"' not in page.content.decode()
    again = client.post(url, {**post_answers(qa_floor["items"]), "submit": "1"})
    assert again.status_code == 200
    assert "This evaluation is final" in text(again)


def test_a_bad_answer_is_named_on_the_form_and_nothing_is_saved(client, qa_floor):
    sampled = first_in_queue()
    client.force_login(sampled.analyst.user)
    response = client.post(
        f"/admin/qa/my-queue/{sampled.pk}/",
        {**post_answers(qa_floor["items"], disclosure="na"), "submit": "1"},
    )
    assert response.status_code == 200
    # The critical disclosure offers no N/A.
    assert "Select a valid choice. na is not one of the available choices." in text(
        response
    )
    assert not Evaluation.objects.exists()


def test_another_analyst_and_a_collector_are_refused_the_call(client, qa_floor):
    sampled = first_in_queue()
    other = next(a for a in qa_floor["analysts"] if a.pk != sampled.analyst_id)
    client.force_login(other.user)
    assert client.get(f"/admin/qa/my-queue/{sampled.pk}/").status_code == 403
    client.force_login(qa_floor["collectors"][0].user)
    assert client.get("/admin/qa/my-queue/").status_code == 403
    assert client.get(f"/admin/qa/my-queue/{sampled.pk}/").status_code == 403


def test_the_queue_page_runs_the_same_queries_for_a_longer_queue(client, qa_floor):
    analyst = qa_floor["analysts"][0]
    client.force_login(analyst.user)
    client.get("/admin/qa/my-queue/")  # warm the caches
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/qa/my-queue/").status_code == 200
    SampledCall.objects.filter(analyst=qa_floor["analysts"][1]).update(analyst=analyst)
    assert SampledCall.objects.filter(analyst=analyst).count() == 6
    with CaptureQueriesContext(connection) as more:
        assert client.get("/admin/qa/my-queue/").status_code == 200
    assert len(more) == len(few)


def test_the_collector_sees_and_disputes_their_evaluation(client, qa_floor):
    sampled = first_in_queue()
    evaluation = submit(qa_floor, sampled, plan="no")
    collector = sampled.collector
    client.force_login(collector.user)
    listing = client.get("/admin/qa/my-evaluations/")
    assert sampled.call.call_id in text(listing)
    # One call: Conduct 60 x 1 + Negotiation 40 x (2 x 0 + 1 x 1) / 3 = 73.33%.
    assert "March 2026 73.33 73.33 1" in text(listing)
    url = f"/admin/qa/my-evaluations/{evaluation.pk}/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and not Dispute.objects.exists()
    sent = client.post(
        url, {"items": [qa_floor["items"]["plan"].pk], "reason": "I offered one."}
    )
    assert sent.status_code == 302
    dispute = Dispute.objects.get()
    other = next(c for c in qa_floor["collectors"] if c.pk != collector.pk)
    client.force_login(other.user)
    assert client.get(url).status_code == 403
    # The lead decides: upheld, with the corrected answer.
    client.force_login(qa_floor["lead"])
    assert "QA disputes to decide" in text(client.get("/admin/"))
    decide = f"/admin/qa/disputes/{dispute.pk}/decide/"
    assert client.get(decide).status_code == 200
    upheld = client.post(
        decide,
        {
            "decision": "uphold",
            f"item_{qa_floor['items']['plan'].pk}": "yes",
            "note": "Heard it at 3:20.",
        },
    )
    assert upheld.status_code == 302
    dispute.refresh_from_db()
    assert dispute.status == "upheld" and dispute.revision.score == 100
    # A collector may not decide; nor an analyst without the senior right.
    client.force_login(other.user)
    assert client.get(decide).status_code == 403
    client.force_login(qa_floor["analysts"][0].user)
    assert client.get(decide).status_code == 403


def test_listings_are_scoped_and_exported(client, qa_floor):
    for sampled in SampledCall.objects.all():
        submit(qa_floor, sampled)
    client.force_login(qa_floor["lead"])
    listing = client.get("/admin/qa/evaluations/")
    assert listing.status_code == 200
    # The lead coaches from the listing.
    collector = qa_floor["collectors"][0]
    assert f"/admin/qa/coaching/record/{collector.pk}/" in listing.content.decode()
    export = client.get("/admin/qa/evaluations/?export=csv")
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + 6
    client.force_login(qa_floor["collectors"][0].user)
    assert client.get("/admin/qa/evaluations/").status_code == 403
    assert client.get("/admin/qa/disputes/").status_code == 403
    assert client.get("/admin/qa/coaching/").status_code == 403
    assert client.get("/admin/qa/samples/").status_code == 403
    # An analyst sees the evaluations they scored, no one else's.
    analyst = qa_floor["analysts"][0]
    client.force_login(analyst.user)
    mine = SampledCall.objects.filter(analyst=analyst).count()
    export = client.get("/admin/qa/evaluations/?export=csv")
    lines = b"".join(export.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + mine
    listing = client.get("/admin/qa/evaluations/")
    assert "Record coaching" not in listing.content.decode()


def test_the_lead_records_coaching_and_sees_the_follow_up_due(
    client, qa_floor, frozen_time
):
    frozen_time("2026-04-02 10:00")
    sampled = first_in_queue()
    evaluation = submit(qa_floor, sampled, plan="no")
    client.force_login(qa_floor["lead"])
    url = f"/admin/qa/coaching/record/{sampled.collector_id}/"
    assert client.get(url).status_code == 200
    recorded = client.post(
        url,
        {
            "evaluations": [evaluation.pk],
            "focus_items": [qa_floor["items"]["plan"].pk],
            "agreed_actions": "Offer the plan.",
            "follow_up_on": "2026-04-02",
        },
    )
    assert recorded.status_code == 302
    assert "Offer the plan." in text(client.get("/admin/"))
    record = CoachingRecord.objects.get()
    # Only the coach closes the follow-up; then it leaves the panel.
    client.force_login(sampled.collector.user)
    assert client.post(f"/admin/qa/coaching/{record.pk}/done/").status_code == 403
    client.force_login(qa_floor["lead"])
    assert client.post(f"/admin/qa/coaching/{record.pk}/done/").status_code == 302
    assert "Offer the plan." not in text(client.get("/admin/"))
    outsider = UserFactory(username="outsider-lead", roles=[COLLECTOR])
    StaffFactory(user=outsider)
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_scorecard_page_shows_the_formula_and_a_used_version_has_no_edit(
    client, qa_floor
):
    manager = UserFactory(username="boss", roles=["Manager"])
    client.force_login(manager)
    scorecard = qa_floor["scorecard"]
    page = client.get(f"/admin/qa/scorecards/{scorecard.pk}/page/")
    assert page.status_code == 200
    assert FORMULA.splitlines()[2] in page.content.decode()
    version = qa_floor["version"]
    edit = f"/admin/qa/scorecard-versions/edit/{version.pk}/"
    assert client.get(edit).status_code == 200
    submit(qa_floor, first_in_queue())
    assert client.get(edit).status_code == 403
    section = version.sections.first()
    assert (
        client.get(f"/admin/qa/scorecard-sections/edit/{section.pk}/").status_code
        == 403
    )
    made = client.post(f"/admin/qa/scorecards/{scorecard.pk}/new-version/")
    assert made.status_code == 302
    assert scorecard.versions.count() == 2
    analyst = UserFactory(username="plain-analyst", roles=[QA_ANALYST])
    client.force_login(analyst)
    assert (
        client.post(f"/admin/qa/scorecards/{scorecard.pk}/new-version/").status_code
        == 403
    )


def test_the_manager_draws_a_sample_from_the_form(client, qa_floor):
    manager = UserFactory(username="boss", roles=["Manager"])
    client.force_login(manager)
    drawn = client.post(
        "/admin/qa/samples/draw/",
        {
            "period": "2026-03-15",
            "scorecard": qa_floor["scorecard"].pk,
            "minimum_per_collector": 2,
            "extra_calls": 0,
            "seed": 1,
        },
    )
    # March is drawn already by the floor: the form says so.
    assert drawn.status_code == 200
    assert "is drawn already" in text(drawn)
    assert client.get("/admin/qa/samples/draw/").status_code == 200
    client.force_login(qa_floor["analysts"][0].user)
    assert client.get("/admin/qa/samples/draw/").status_code == 403


def test_the_panels_show_to_whom_they_serve(client, qa_floor):
    analyst = first_in_queue().analyst
    client.force_login(analyst.user)
    assert "My QA queue" in text(client.get("/admin/"))
    client.force_login(qa_floor["collectors"][0].user)
    home = text(client.get("/admin/"))
    assert "My QA evaluations" in home and "My QA queue" not in home
    assert "QA disputes to decide" not in home


def test_every_qa_page_refuses_a_collector_with_403(client, qa_floor):
    sampled = first_in_queue()
    evaluation = submit(qa_floor, sampled)
    other = next(c for c in qa_floor["collectors"] if c.pk != sampled.collector_id)
    client.force_login(other.user)
    scorecard, version = qa_floor["scorecard"], qa_floor["version"]
    section = version.sections.first()
    for url in [
        "/admin/qa/my-queue/",
        f"/admin/qa/my-queue/{sampled.pk}/",
        f"/admin/qa/my-evaluations/{evaluation.pk}/",
        "/admin/qa/scorecards/",
        f"/admin/qa/scorecards/{scorecard.pk}/page/",
        f"/admin/qa/scorecard-versions/edit/{version.pk}/",
        f"/admin/qa/scorecard-sections/edit/{section.pk}/",
        "/admin/qa/samples/",
        "/admin/qa/samples/draw/",
        "/admin/qa/sampled-calls/",
        "/admin/qa/evaluations/",
        f"/admin/qa/evaluations/inspect/{evaluation.pk}/",
        "/admin/qa/disputes/",
        "/admin/qa/coaching/",
        f"/admin/qa/coaching/record/{sampled.collector_id}/",
        "/admin/qa/calibration/",
        "/admin/qa/calibration/new/",
    ]:
        assert client.get(url).status_code == 403, url
    assert client.get("/admin/qa/my-evaluations/").status_code == 200


def test_a_lead_of_another_team_may_not_inspect_the_evaluation(client, qa_floor):
    evaluation = submit(qa_floor, first_in_queue())
    url = f"/admin/qa/evaluations/inspect/{evaluation.pk}/"
    client.force_login(qa_floor["lead"])
    assert client.get(url).status_code == 200
    other_lead = UserFactory(username="other-lead", roles=["Team lead"])
    TeamFactory(lead=other_lead)
    client.force_login(other_lead)
    assert client.get(url).status_code == 403


def test_a_used_versions_section_form_is_refused_by_its_model_too(qa_floor):
    from django.core.exceptions import ValidationError

    submit(qa_floor, first_in_queue())
    item = qa_floor["items"]["plan"]
    item.text = "Changed after use"
    with pytest.raises(ValidationError, match="never changes"):
        item.full_clean()


@pytest.mark.parametrize(
    "who, url",
    [
        ("lead", "/admin/qa/evaluations/"),
        ("collector", "/admin/qa/my-evaluations/"),
        ("lead", "/admin/"),
    ],
)
def test_listings_run_the_same_queries_for_more_evaluations(client, qa_floor, who, url):
    sampled = list(
        SampledCall.objects.filter(collector=qa_floor["collectors"][0])
        .select_related("analyst__user")
        .order_by("pk")
    )
    user = qa_floor["lead"] if who == "lead" else qa_floor["collectors"][0].user
    client.force_login(user)
    submit(qa_floor, sampled[0])
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for more in sampled[1:]:
        submit(qa_floor, more)
    for other in SampledCall.objects.exclude(collector=qa_floor["collectors"][0]):
        submit(qa_floor, other)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), url
