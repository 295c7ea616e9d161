"""A create view whose save is a service: the service's refusal becomes the
form's errors, and nothing is saved."""

from django.core.exceptions import ValidationError
from wagtail.admin.views.generic import CreateView


class ServiceCreateView(CreateView):
    #: the form field each service argument name is shown against
    error_fields: dict[str, str] = {}

    def call_service(self, data: dict):
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.call_service(form.cleaned_data)
        except ValidationError as error:
            self._add_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def _add_errors(self, form, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            field = self.error_fields.get(name, name)
            form.add_error(field if field in form.fields else None, errors)
