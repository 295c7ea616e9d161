from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class PersonalDataOverrideForm(WagtailAdminPageForm):
    """Page form base with the override reason that ``guard_publish`` reads
    (its name is ``publish_guard.OVERRIDE_REASON_FIELD``)."""

    pii_override_reason = forms.CharField(
        label="Publish despite personal-data findings (Managers)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Only if the findings are not personal data, or publishing them is "
            "lawful: say why. The reason is kept in the page's history."
        ),
    )
