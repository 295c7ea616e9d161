"""A QA evaluation end to end in the browser: an analyst scores a call with a
critical fail, the collector sees it in *My evaluations* and disputes an
item, and her lead upholds the dispute: a new revision, the old one kept.
The failed critical item's refresher course takes her on its next session."""

import datetime

import pytest
from django.utils import timezone

from deskbook.core.bootstrap import bootstrap_site
from tests.courses.factories import CourseFactory, sitting
from tests.qa.scoring_floor import build
from tests.workforce.factories import StaffFactory
from training.courses.models import Enrolment
from training.courses.services import session_schedule
from training.qa.models import Evaluation, SampledCall

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def floor(transactional_db):
    bootstrap_site()
    return build()


def answer(page, item, value):
    page.check(f"input[name=item_{item.pk}][value='{value}']")


def test_a_critical_fail_is_disputed_and_upheld(page, live_server, sign_in, floor):
    items = floor["items"]
    refresher = CourseFactory(title="Right-party verification refresher")
    session_schedule(
        course=refresher,
        trainer=StaffFactory(),
        capacity=8,
        dates=[sitting(timezone.localdate() + datetime.timedelta(days=7))],
        room="Training room 2",
        by=None,
    )
    items["verification"].refresher_course = refresher
    items["verification"].save()
    sampled = SampledCall.objects.select_related("analyst__user", "collector").first()
    sign_in(page, sampled.analyst.user.username)
    page.goto(f"{live_server.url}/admin/qa/my-queue/")
    page.click(f"text={sampled.call.call_id}")
    answer(page, items["disclosure"], "yes")
    answer(page, items["verification"], "no")
    answer(page, items["plan"], "no")
    answer(page, items["tone"], "4")
    page.fill(
        f"textarea[name=comment_{items['verification'].pk}]",
        "Named the debt before checking the date of birth.",
    )
    page.click("button[name=submit]")
    page.wait_for_url(f"{live_server.url}/admin/qa/my-queue/")
    assert "critical fail" in page.inner_text("body")
    enrolment = Enrolment.objects.get(staff=sampled.collector)
    assert (enrolment.session.course, enrolment.state) == (
        refresher,
        Enrolment.State.ENROLLED,
    )

    sign_in(page, sampled.collector.user.username)
    page.goto(f"{live_server.url}/admin/qa/my-evaluations/")
    page.click(f"text={sampled.call.call_id}")
    assert "would be" in page.inner_text("[data-score]")
    page.check(f"input[name=items][value='{items['plan'].pk}']")
    page.fill("textarea[name=reason]", "I offered three instalments at 3:20.")
    page.click("text=Send the dispute")
    page.wait_for_selector("text=Dispute sent")

    sign_in(page, floor["lead"].username)
    page.click("[data-panel=qa-disputes] a >> nth=0")
    page.check("input[name=decision][value=uphold]")
    answer(page, items["plan"], "yes")
    page.fill("textarea[name=note]", "Heard it in the recording.")
    page.click("text=Decide")
    page.wait_for_url(f"{live_server.url}/admin/qa/disputes/")
    page.wait_for_selector("text=Dispute upheld")

    revisions = list(
        Evaluation.objects.filter(sampled_call=sampled).order_by("revision")
    )
    assert [(e.revision, e.status) for e in revisions] == [
        (1, "superseded"),
        (2, "final"),
    ]
    assert revisions[1].critical_failed and revisions[1].score == 0
