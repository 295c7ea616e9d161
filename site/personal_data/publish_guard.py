"""The publish guard: a public page holding personal data is not published,
unless someone allowed to override says why (kept in the page's history)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Page

from .findings import goes_public, page_findings

OVERRIDE_PERMISSION = "personal_data.override_personal_data_guard"
OVERRIDE_ACTION = "deskbook.personal_data_override"
# The editor's field for the reason (``admin_forms.PersonalDataOverrideForm``).
OVERRIDE_REASON_FIELD = "pii_override_reason"


def guard_publish(request, page):
    """None to let a publish go ahead; a redirect to the findings to stop it."""
    page = page.specific
    if not goes_public(page):
        return None
    findings = page_findings(page)
    if not findings:
        return None
    reason = request.POST.get(OVERRIDE_REASON_FIELD, "").strip()
    if reason and request.user.has_perm(OVERRIDE_PERMISSION):
        log(
            instance=page,
            action=OVERRIDE_ACTION,
            user=request.user,
            data={"reason": reason, "findings": [str(item) for item in findings]},
        )
        return None
    if page.pk and page.live and page.live_revision_id is None:
        # Wagtail's create view has already saved the new page, still marked
        # live, when it asks this hook: take it down before stopping.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    listed = "; ".join(str(item) for item in findings[:10])
    more = f" and {len(findings) - 10} more" if len(findings) > 10 else ""
    messages.error(
        request,
        f"Not published: “{page.title}” still contains personal data: "
        f"{listed}{more}. Your changes are saved as a draft.",
    )
    return redirect(reverse("deskbook_personal_data_review", args=[page.pk]))
