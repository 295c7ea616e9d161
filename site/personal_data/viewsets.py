"""The personal-data check of a page in the admin: findings, redactions, publish."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from .findings import goes_public, page_findings, page_redact


def review(request, page_id: int):
    """Findings in the latest draft, each with its redaction, applied in a click."""
    page = get_object_or_404(Page, pk=page_id).specific
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    findings = page_findings(draft)
    if request.method == "POST":
        if "publish" in request.POST:
            return _publish(request, page, findings, permissions)
        if "submit" in request.POST:
            return _submit(request, page, findings, permissions)
        # One row's "Apply" button names its finding; "Apply all" takes them all.
        chosen = set(request.POST.getlist("finding"))
        everything = "apply_all" in request.POST
        selected = [
            item
            for number, item in enumerate(findings)
            if everything or str(number) in chosen
        ]
        if selected:
            page_redact(page, selected, user=request.user)
            messages.success(
                request,
                f"{len(selected)} redaction{'s' if len(selected) != 1 else ''} "
                "applied to a new draft.",
            )
        return redirect("deskbook_personal_data_review", page.pk)
    return TemplateResponse(
        request,
        "personal_data/review.html",
        {
            "page": page,
            "findings": findings,
            "public": goes_public(page),
            "can_publish": permissions.can_publish(),
            "can_submit": _workflow_to_start(page, permissions) is not None,
            "in_moderation": page.workflow_in_progress,
        },
    )


def _workflow_to_start(page, permissions):
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        return None
    if not permissions.can_submit_for_moderation():
        return None
    return workflow


def _submit(request, page, findings, permissions):
    """Send the checked draft to its moderators (for those who may not publish)."""
    workflow = _workflow_to_start(page, permissions)
    if findings:
        messages.error(request, "Apply or resolve every finding before submitting.")
    elif workflow is None:
        messages.error(request, "This page cannot be submitted for moderation now.")
    else:
        workflow.start(page, request.user)
        messages.success(request, f"“{page.title}” is submitted for moderation.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("deskbook_personal_data_review", page.pk)


def _publish(request, page, findings, permissions):
    if findings:
        messages.error(request, "Apply or resolve every finding before publishing.")
    elif not permissions.can_publish():
        messages.error(request, "Submit the page for moderation from the editor.")
    else:
        page.get_latest_revision().publish(user=request.user)
        messages.success(request, f"“{page.title}” is published.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("deskbook_personal_data_review", page.pk)
