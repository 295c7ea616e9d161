"""Create and edit views whose save is a service call: the service's refusal
becomes the form's errors and nothing is saved; the object's team must be one
the user plans."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    UsageView,
)
from wagtail.coreutils import multigetattr
from wagtail.log_actions import log

from ..selectors import may_plan


class ServiceSaveMixin:
    log_action = "wagtail.edit"

    def save_with_service(self, form) -> Model:
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_with_service(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        log(instance=self.object, action=self.log_action, user=self.request.user)
        return self.save_action()


def add_service_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class PlannedTeamObjectMixin:
    """The object's team (at ``team_path``) must be one the user plans."""

    team_path = "team"

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        team = multigetattr(instance, self.team_path)
        if not may_plan(viewer=self.request.user, team=team):
            raise PermissionDenied
        return instance


class ServiceCreateView(ServiceSaveMixin, CreateView):
    log_action = "wagtail.create"


class ServiceEditView(PlannedTeamObjectMixin, ServiceSaveMixin, EditView):
    pass


class PlannedDeleteView(PlannedTeamObjectMixin, DeleteView):
    pass


class PlannedHistoryView(PlannedTeamObjectMixin, HistoryView):
    pass


class PlannedUsageView(PlannedTeamObjectMixin, UsageView):
    pass
