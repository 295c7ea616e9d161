"""Forms of the shift-planning admin screens."""

from django import forms
from wagtail.admin.widgets import AdminDateInput

from workforce.people.models import Staff, TeamMembership

from .models import Shift


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
