"""Admin forms whose saving is a service call, not a plain model save."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Resignation, TeamMembership
from .selectors import staff_visible_to


class TeamMoveForm(WagtailAdminModelForm):
    """A move: saved by ``staff_move``; the people offered are those the user
    may see today."""

    class Meta:
        model = TeamMembership
        fields = ["staff", "team", "valid_from", "reason"]
        labels = {"valid_from": "Effective on", "team": "New team"}
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["reason"].required = True
        if for_user is not None:
            self.fields["staff"].queryset = staff_visible_to(
                viewer=for_user, on=timezone.localdate()
            ).employed()

    def _post_clean(self):
        # The history rules live in the service; it validates the whole move.
        pass


class ResignationForm(WagtailAdminModelForm):
    class Meta:
        model = Resignation
        fields = [
            "staff",
            "notice_given_on",
            "last_working_day",
            "reason",
            "exit_interview_notes",
        ]
        widgets = {
            "notice_given_on": forms.DateInput(attrs={"type": "date"}),
            "last_working_day": forms.DateInput(attrs={"type": "date"}),
        }

    def _post_clean(self):
        pass
