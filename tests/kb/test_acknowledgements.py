import pytest
from django.contrib.auth.models import Group

from kb.models import Acknowledgement, AcknowledgementRequest, SOPVersion
from kb.models.acknowledgements import AcknowledgementWriteOnce
from kb.selectors import outstanding_acknowledgements, outstanding_acknowledgements_for
from kb.services import AcknowledgementOutOfDate, sop_acknowledge

from .factories import make_sop, revise

pytestmark = pytest.mark.usefixtures("site_tree")


def outstanding_pages(user):
    return [r.version.page.title for r in outstanding_acknowledgements_for(user)]


def test_publishing_with_acknowledgement_asks_everyone_in_the_audience(
    user_with_role,
):
    collector = user_with_role("Collector")
    editor = user_with_role("Editor")
    page = make_sop()
    assert outstanding_pages(collector) == [page.title]
    assert outstanding_pages(editor) == []  # not in the audience


def test_minor_edit_keeps_acknowledgements(user_with_role):
    collector = user_with_role("Collector")
    page = make_sop()
    sop_acknowledge(page=page, user=collector, version_number=1)
    page = revise(page, ack=False, summary="Typo fixed.")
    assert page.status.current_version.number == 2
    assert page.status.required_version.number == 1
    assert outstanding_pages(collector) == []


def test_revision_requiring_acknowledgement_asks_again(user_with_role):
    collector = user_with_role("Collector")
    page = make_sop()
    sop_acknowledge(page=page, user=collector, version_number=1)
    revise(page, ack=True, body=page.body + "\n4. Send the confirmation SMS.\n")
    assert outstanding_pages(collector) == [page.title]
    request = outstanding_acknowledgements_for(collector).get()
    assert request.version.number == 2


def test_acknowledging_the_current_revision_clears_an_older_requirement(
    user_with_role,
):
    collector = user_with_role("Collector")
    page = make_sop()
    revise(page, ack=False, summary="Minor.")  # revision 2, still requires 1
    sop_acknowledge(page=page, user=collector, version_number=2)
    assert outstanding_pages(collector) == []


def test_stale_revision_cannot_be_acknowledged(user_with_role):
    collector = user_with_role("Collector")
    page = make_sop()
    revise(page, ack=True, body="## New\n\n1. New step.\n")
    with pytest.raises(AcknowledgementOutOfDate):
        sop_acknowledge(page=page, user=collector, version_number=1)
    assert not Acknowledgement.objects.exists()


def test_acknowledgements_are_kept_and_never_rewritten(user_with_role):
    collector = user_with_role("Collector")
    page = make_sop()
    first = sop_acknowledge(page=page, user=collector, version_number=1)
    again = sop_acknowledge(page=page, user=collector, version_number=1)
    assert again.pk == first.pk
    assert again.acknowledged_at == first.acknowledged_at
    revise(page, ack=True, body="## Changed\n")
    sop_acknowledge(page=page, user=collector, version_number=2)
    trail = list(
        Acknowledgement.objects.filter(user=collector).values_list(
            "version__number", "user_name"
        )
    )
    assert sorted(trail) == [(1, collector.username), (2, collector.username)]
    first.user_name = "someone else"
    with pytest.raises(AcknowledgementWriteOnce):
        first.save()


def test_new_member_of_an_audience_role_is_asked(user_with_role, django_user_model):
    page = make_sop()
    newcomer = django_user_model.objects.create_user("newcomer")
    assert outstanding_pages(newcomer) == []
    newcomer.groups.add(Group.objects.get(name="Collector"))
    assert outstanding_pages(newcomer) == [page.title]
    other = django_user_model.objects.create_user("other")
    Group.objects.get(name="Collector").user_set.add(other)
    assert outstanding_pages(other) == [page.title]


def test_people_who_left_the_audience_or_the_agency_are_not_outstanding(
    user_with_role,
):
    leaver = user_with_role("Collector")
    mover = user_with_role("Collector")
    make_sop()
    leaver.is_active = False
    leaver.save()
    mover.groups.clear()
    mover.groups.add(Group.objects.get(name="Editor"))
    assert outstanding_pages(leaver) == []
    assert outstanding_pages(mover) == []


def test_unpublished_sop_is_not_outstanding(user_with_role):
    collector = user_with_role("Collector")
    page = make_sop()
    page.unpublish()
    assert outstanding_pages(collector) == []


def test_each_publish_numbers_a_version_with_its_text(user_with_role):
    page = make_sop()
    revise(page, ack=False, body="## Two\n")
    revise(page, ack=True, body="## Three\n")
    versions = list(
        SOPVersion.objects.filter(page=page).values_list(
            "number", "requires_acknowledgement", "body"
        )
    )
    assert versions[1:] == [(2, False, "## Two\n"), (3, True, "## Three\n")]
    assert versions[0][:2] == (1, True)


def test_requests_are_not_duplicated_on_republish(user_with_role):
    user_with_role("Collector")
    page = make_sop()
    revise(page, ack=False, summary="x")
    revise(page, ack=False, summary="y")
    assert AcknowledgementRequest.objects.count() == 1
    assert outstanding_acknowledgements().count() == 1
