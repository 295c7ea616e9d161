"""Forms of the people-facing leave pages: asking for leave, deciding a
request, and the choices of the team calendar and the leave report. Saving
goes through the services, which hold every rule; the forms only read input."""

from django import forms

from workforce.people.models import PartnerAgency, Team

from . import calculations as calc
from .models import DayPart, LeaveType
from .selectors import IN_HOUSE
from .services.requests import CERTIFICATE_MAX_BYTES, CERTIFICATE_TYPES


def date_input():
    # The browser's own date picker: no script needed.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeaveTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, leave_type):
        notes = []
        if leave_type.needs_document:
            notes.append("needs a document")
        if leave_type.notice_days:
            notes.append(f"ask {calc.days_phrase(leave_type.notice_days)} ahead")
        if not leave_type.paid:
            notes.append("unpaid")
        return f"{leave_type.name} ({', '.join(notes)})" if notes else leave_type.name


class LeaveRequestForm(forms.Form):
    """A person's request: the type, the days and their parts, a reason, and
    the document where the type needs one."""

    leave_type = LeaveTypeChoiceField(
        queryset=LeaveType.objects.active(), label="Type of leave", empty_label=None
    )
    first_day = forms.DateField(
        label="First day", input_formats=["%Y-%m-%d"], widget=date_input()
    )
    first_day_part = forms.ChoiceField(
        label="On the first day",
        choices=DayPart.choices,
        initial=DayPart.WHOLE,
        help_text="A one-day request is this part of the day: the whole day, "
        "the morning or the afternoon. Leave over several days may start in "
        "the afternoon.",
    )
    last_day = forms.DateField(
        label="Last day",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=date_input(),
        help_text="Empty for one day.",
    )
    last_day_part = forms.ChoiceField(
        label="On the last day",
        choices=DayPart.choices,
        initial=DayPart.WHOLE,
        help_text="Leave over several days may end at noon (the morning off).",
    )
    reason = forms.CharField(
        max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    certificate = forms.FileField(
        label="Document",
        required=False,
        help_text="A medical certificate or other document, for the types that "
        f"need one: PDF, JPEG or PNG, at most {CERTIFICATE_MAX_BYTES // 2**20} MB. "
        "Choose it just before sending: a preview does not keep the file.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CERTIFICATE_TYPES)}),
    )

    def clean(self):
        cleaned = super().clean()
        first_day = cleaned.get("first_day")
        if first_day and not cleaned.get("last_day"):
            cleaned["last_day"] = first_day
        if first_day and cleaned.get("last_day") == first_day:
            # One day: the part chosen for the first day is the request.
            cleaned["last_day_part"] = cleaned.get("first_day_part", DayPart.WHOLE)
        return cleaned

    def request_fields(self) -> dict:
        """The fields the services take, from the cleaned data."""
        names = ("leave_type", "first_day", "last_day")
        names += ("first_day_part", "last_day_part")
        return {name: self.cleaned_data[name] for name in names}


class DecisionForm(forms.Form):
    """A lead's decision: a comment (needed to reject), and, when approving
    would leave a team under its minimum, the confirmation of having seen it."""

    comment = forms.CharField(
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to reject: the person reads it.",
    )
    confirm = forms.BooleanField(
        required=False,
        label="I have seen the half hours under the minimum and approve anyway",
    )


class TeamMonthForm(forms.Form):
    """The team calendar's team and month."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, to_field_name="slug"
    )
    month = forms.DateField(
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = None


class LeaveReportForm(forms.Form):
    """The leave report's year, grouping and filters."""

    BY_TEAM, BY_RUN_BY = "team", "run_by"

    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    group_by = forms.ChoiceField(
        choices=[(BY_TEAM, "Team"), (BY_RUN_BY, "Run by (in-house, partner)")],
        required=False,
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="All teams",
    )
    partner = forms.ChoiceField(required=False, label="Run by")
    leave_type = forms.ModelChoiceField(
        queryset=LeaveType.objects.all(),
        required=False,
        label="Type",
        empty_label="All types",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [
            ("", "In-house and partners"),
            (IN_HOUSE, "In-house"),
        ] + [(str(p.pk), p.name) for p in PartnerAgency.objects.order_by("name")]
