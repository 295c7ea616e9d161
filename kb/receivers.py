"""Keep versions and acknowledgement requests in step with Wagtail and with roles."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from wagtail.signals import page_published

from .models import SOPPage
from .services import acknowledgement_requests_for_new_members, sop_version_record


def record_sop_version(sender, instance, revision=None, **kwargs):
    sop_version_record(page=instance, revision=revision)


def ask_new_role_members(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(...)
        acknowledgement_requests_for_new_members(
            user_ids=pk_set, group_ids=[instance.pk]
        )
    else:  # user.groups.add(...)
        acknowledgement_requests_for_new_members(
            user_ids=[instance.pk], group_ids=pk_set
        )


def connect():
    page_published.connect(
        record_sop_version, sender=SOPPage, dispatch_uid="kb_record_sop_version"
    )
    m2m_changed.connect(
        ask_new_role_members,
        sender=get_user_model().groups.through,
        dispatch_uid="kb_ask_new_role_members",
    )
