"""Approving a workflow task publishes without Wagtail's ``before_publish_page``
hook: this middleware puts the personal-data guard in front of approvals too."""

from wagtail.models import Page

from .publish_guard import guard_publish


class PersonalDataGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None:
            return None
        if "wagtailadmin_pages" not in match.namespaces:
            return None
        approving = (
            match.url_name == "workflow_action"
            and view_kwargs.get("action_name") == "approve"
        ) or (
            match.url_name == "edit"
            and "action-workflow-action" in request.POST
            and request.POST.get("workflow-action-name") == "approve"
        )
        if not approving:
            return None
        page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
        if page is None:
            return None
        return guard_publish(request, page.get_latest_revision_as_object())
