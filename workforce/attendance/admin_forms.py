"""Admin forms of attendance."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Integration
from .models.integrations import SCOPES


class IntegrationForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        choices=SCOPES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the integration's token may do.",
    )

    class Meta:
        model = Integration
        fields = ["name", "scopes"]
