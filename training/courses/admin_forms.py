"""Forms of the training back office."""

import datetime
import re

from django import forms
from django.utils import timezone

from workforce.people.models import Staff

from .models import Course

DATE_LINE = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})\s+(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$"
)


def parse_dates(text: str) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Lines like ``2026-03-09 09:00-17:00`` as aware (start, end) pairs in
    the site's time zone; a ``ValidationError`` naming each bad line."""
    zone = timezone.get_default_timezone()
    dates, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = DATE_LINE.match(line)
        try:
            if not match:
                raise ValueError
            day = datetime.date.fromisoformat(match["day"])
            start = datetime.datetime.strptime(match["start"], "%H:%M").time()
            end = datetime.datetime.strptime(match["end"], "%H:%M").time()
        except ValueError:
            problems.append(
                f"Line {number}: {line!r} is not a date and times like "
                "2026-03-09 09:00-17:00."
            )
            continue
        dates.append(
            (
                datetime.datetime.combine(day, start, zone),
                datetime.datetime.combine(day, end, zone),
            )
        )
    if problems:
        raise forms.ValidationError(problems)
    if not dates:
        raise forms.ValidationError("Give at least one date.")
    return dates


class SessionScheduleForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.none())
    trainer = forms.ModelChoiceField(queryset=Staff.objects.none())
    capacity = forms.IntegerField(min_value=1, max_value=500, initial=12)
    room = forms.CharField(max_length=120, required=False)
    online_link = forms.URLField(required=False, assume_scheme="https")
    dates = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One date a line: 2026-03-09 09:00-17:00.",
    )
    confirmed = forms.BooleanField(
        required=False,
        help_text="Confirmed now: its people leave the plan for its times.",
    )

    def __init__(self, *args, courses, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["trainer"].queryset = trainers

    def clean_dates(self):
        return parse_dates(self.cleaned_data["dates"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("room") and not cleaned.get("online_link"):
            self.add_error("room", "Give a room or an online link.")
        return cleaned


class EnrolForm(forms.Form):
    staff = forms.ModelChoiceField(queryset=Staff.objects.none(), label="Person")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = people


class CancelSessionForm(forms.Form):
    reason = forms.CharField(max_length=300, help_text="The people enrolled are told.")


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text="5: very useful; 1: not useful.",
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DueListForm(forms.Form):
    within = forms.IntegerField(min_value=0, max_value=365, initial=60, required=False)
    team = forms.ModelChoiceField(queryset=None, required=False)
    course = forms.ModelChoiceField(queryset=Course.objects.all(), required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class ReportForm(forms.Form):
    first_day = forms.DateField(
        label="Sessions from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    last_day = forms.DateField(
        label="to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    course = forms.ModelChoiceField(queryset=Course.objects.all(), required=False)
    team = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The period ends before it starts.")
        return cleaned
