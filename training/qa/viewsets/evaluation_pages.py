"""What the QA pages share: the admin page with a 403 for refusals and
breadcrumbs naming the page."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from deskbook.core.refusals import RefusedWith403
from workforce.people.selectors import staff_of

from ..services.evaluations import AnswerInput

NO_STAFF = "No staff record is linked to your sign-in: ask a manager to link one."


class QAPageMixin(RefusedWith403, WagtailAdminTemplateMixin):
    header_icon = "tasks"
    parent_crumbs: list[tuple[str, str]] = []

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.staff = staff_of(request.user)

    def require_staff(self):
        if self.staff is None:
            raise PermissionDenied(NO_STAFF)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            *({"url": url, "label": label} for url, label in self.parent_crumbs),
            {"url": "", "label": self.get_page_title()},
        ]


def answers_of(form) -> dict[int, AnswerInput]:
    return {
        pk: AnswerInput(answer, comment)
        for pk, (answer, comment) in form.answers_given().items()
    }


def add_errors(form, error) -> None:
    """A service's ValidationError on the form: ``item_<pk>`` keys on their
    field, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
