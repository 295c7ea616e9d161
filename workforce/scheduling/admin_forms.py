"""Admin forms of shift planning: patterns with their rotation, placements in
a pattern, a cell of the plan, publishing, and swaps. Saving goes through the
services."""

import calendar

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from workforce.people.models import Staff, TeamMembership

from .models import PatternAssignment, Shift, ShiftPattern, ShiftType
from .selectors import patterns_visible_to, people_placeable_by, teams_plannable_by

MAX_DAYS = 28  # four weeks
DAY_NAMES = list(calendar.day_name)  # Monday first
DAY_ABBREVIATIONS = list(calendar.day_abbr)


def shift_type_label(shift_type: ShiftType) -> str:
    return (
        f"{shift_type.code} · {shift_type.name} "
        f"{shift_type.starts_at:%H:%M}–{shift_type.ends_at:%H:%M}"
    )


def shift_type_choices(types, *, short: bool = False) -> list[tuple[str, str]]:
    """Off, then each type: ``E · Early 07:00–16:00`` (``E · Early`` short)."""
    return [("", "Off")] + [
        (str(t.pk), f"{t.code} · {t.name}" if short else shift_type_label(t))
        for t in types
    ]


class RotationWidget(forms.MultiWidget):
    """Four weeks of day selects, a row a week; rows past the pattern's
    length are hidden by ``rotation.js`` and ignored on saving."""

    template_name = "scheduling/widgets/rotation.html"

    class Media:
        js = ["scheduling/js/rotation.js"]

    def __init__(self, attrs=None):
        widgets = [
            forms.Select(attrs={"aria-label": f"Week {i // 7 + 1}, {DAY_NAMES[i % 7]}"})
            for i in range(MAX_DAYS)
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        cells = list(value or [])
        return cells + [None] * (MAX_DAYS - len(cells))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        context["weeks"] = [
            {"number": week + 1, "days": subwidgets[week * 7 : week * 7 + 7]}
            for week in range(MAX_DAYS // 7)
        ]
        context["day_names"] = list(zip(DAY_NAMES, DAY_ABBREVIATIONS, strict=True))
        return context


class RotationField(forms.MultiValueField):
    """A shift type id, or None for a day off, for each of 28 days."""

    widget = RotationWidget

    def __init__(self, **kwargs):
        fields = [
            forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
            for _ in range(MAX_DAYS)
        ]
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def set_choices(self, choices) -> None:
        for field, widget in zip(self.fields, self.widget.widgets, strict=True):
            field.choices = choices
            widget.choices = choices

    def compress(self, data_list):
        cells = list(data_list or [])
        return cells + [None] * (MAX_DAYS - len(cells))


class ShiftPatternForm(WagtailAdminModelForm):
    """A pattern, saved by ``shift_pattern_save``; a lead may choose only the
    teams they lead."""

    rotation = RotationField(
        label="Rotation",
        help_text=(
            "A shift type or Off for each day, Monday first. A one-week pattern "
            "repeats week 1; rows past the pattern's weeks are ignored."
        ),
    )

    class Meta:
        model = ShiftPattern
        fields = ["team", "name", "weeks"]
        widgets = {"weeks": forms.Select(choices=[(n, f"{n}") for n in range(1, 5)])}
        help_texts = {"weeks": "How many weeks the rotation lasts, 1 to 4."}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        teams = teams_plannable_by(for_user)
        self.fields["team"].queryset = teams
        types = ShiftType.objects.filter(active=True, teams__in=teams).distinct()
        self.fields["rotation"].set_choices(shift_type_choices(types, short=True))
        if self.instance.pk:
            self.initial["rotation"] = self.instance.cells()


def offset_choices() -> list[tuple[int, str]]:
    return [(n, f"{n}: week {n // 7 + 1}, {DAY_NAMES[n % 7]}") for n in range(MAX_DAYS)]


class PatternAssignmentForm(WagtailAdminModelForm):
    """A person placed in a pattern, saved by ``pattern_assignment_save``."""

    class Meta:
        model = PatternAssignment
        fields = ["staff", "pattern", "starts_on", "ends_on", "rotation_offset_days"]
        labels = {
            "staff": "Person",
            "starts_on": "From",
            "ends_on": "Until",
            "rotation_offset_days": "Rotation offset",
        }
        help_texts = {
            "ends_on": "Leave empty while the placement lasts.",
            "rotation_offset_days": (
                "Which day of the rotation the person works on the first "
                "Monday: stagger a team's days off by giving people different "
                "offsets. Must be within the pattern's length."
            ),
        }
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "rotation_offset_days": forms.Select(choices=offset_choices()),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["staff"].queryset = people_placeable_by(
            for_user, on=timezone.localdate()
        ).order_by("last_name", "first_name")
        self.fields["pattern"].queryset = patterns_visible_to(for_user)


class CellForm(forms.Form):
    """One cell of the plan: a shift type or off, with the reasons the rules
    may ask for."""

    shift_type = forms.TypedChoiceField(
        label="Shift", coerce=int, empty_value=None, required=False
    )
    reason = forms.CharField(
        label="Reason for the change",
        max_length=300,
        required=False,
        help_text="Needed on a published day: the person is told it.",
    )
    override_reason = forms.CharField(
        label="Reason to override the warnings",
        max_length=300,
        required=False,
        help_text="Kept with the shift.",
    )

    def __init__(self, *args, types=(), published=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift_type"].choices = shift_type_choices(types)
        self.types = {t.pk: t for t in types}
        self.fields["reason"].required = published
        self.focus("shift_type")

    def focus(self, name: str) -> None:
        """Put the keyboard's focus on ``name`` when the page opens."""
        for field_name, field in self.fields.items():
            field.widget.attrs.pop("autofocus", None)
            if field_name == name:
                field.widget.attrs["autofocus"] = True

    def clean_shift_type(self):
        value = self.cleaned_data["shift_type"]
        return self.types[value] if value is not None else None


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        label="Reason to override the warnings",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept with the publication and its shifts.",
    )


class SwapOfferForm(forms.Form):
    """Offer a shift to the team, or swap it for a named colleague's shift on
    a day the collector gives (so the page never lists colleagues' plans)."""

    TEAM = "team"
    DIRECT = "direct"

    kind = forms.ChoiceField(widget=forms.RadioSelect, label="How")
    colleague = forms.ModelChoiceField(
        queryset=Staff.objects.none(),
        required=False,
        label="Colleague (for a direct swap)",
    )
    their_day = forms.DateField(
        required=False,
        widget=AdminDateInput,
        label="Day of their shift (for a direct swap)",
        help_text="The day their shift starts: you work it, they work yours.",
    )
    note = forms.CharField(
        max_length=300,
        required=False,
        label="Note (optional)",
        help_text="Shown to your teammates and the lead, e.g. why you swap.",
    )

    def __init__(self, *args, shift: Shift, offerer: Staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.shift = shift
        self.fields["kind"].choices = [
            (self.TEAM, f"Offer it to anyone in {shift.team.name}"),
            (self.DIRECT, "Swap it for a colleague's shift"),
        ]
        self.fields["kind"].initial = self.TEAM
        teammates = TeamMembership.objects.on(shift.day).filter(team=shift.team)
        self.fields["colleague"].queryset = (
            Staff.objects.employed()
            .filter(pk__in=teammates.values("staff_id"))
            .exclude(pk=offerer.pk)
            .order_by("first_name", "last_name")
        )
        self.fields["colleague"].label_from_instance = lambda staff: staff.full_name

    def clean(self):
        data = super().clean()
        data["in_return"] = None
        if data.get("kind") != self.DIRECT:
            return data
        colleague, day = data.get("colleague"), data.get("their_day")
        if colleague is None:
            self.add_error("colleague", "Choose the colleague to swap with.")
        if day is None and "their_day" not in self.errors:
            self.add_error("their_day", "Give the day of their shift.")
        if colleague is None or day is None:
            return data
        theirs = (
            Shift.objects.published()
            .filter(staff=colleague, team=self.shift.team, day=day)
            .select_related("shift_type")
            .first()
        )
        if theirs is None:
            self.add_error(
                "their_day",
                f"{colleague.full_name} has no published shift in "
                f"{self.shift.team.name} on {day:%a %d %b %Y}.",
            )
        data["in_return"] = theirs
        return data


class SwapDecisionForm(forms.Form):
    """A lead's decision: a comment (required to decline) and, when the
    result breaks a rule that may be overridden, the reason it stands."""

    comment = forms.CharField(
        max_length=300,
        required=False,
        label="Comment",
        help_text="Sent to both people; required to decline.",
    )
    override_reason = forms.CharField(
        max_length=300,
        required=False,
        label="Reason to override the warnings",
        help_text=(
            "Required to approve while the warnings above stand; kept with the shifts."
        ),
    )
