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


class AttendanceReportForm(forms.Form):
    """An attendance report's team and period: a month, or from and to."""

    LONGEST_RANGE_DAYS = 366

    team = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label="All my teams",
    )
    month = forms.DateField(
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text="Or a range below.",
    )
    first = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if (first is None) != (last is None) and not self.errors:
            raise forms.ValidationError("Give both ends of the range, or a month.")
        if first and last:
            if first > last:
                self.add_error("last", "The range ends before it starts.")
            elif (last - first).days >= self.LONGEST_RANGE_DAYS:
                self.add_error("last", "A range covers at most a year.")
        return cleaned
