"""What pages and roles declare to the personal-data guard."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class PersonalDataGuardedPage(models.Model):
    """Mixin for a public page model that may be written from a case: it names
    the people the guard must keep out of it, besides what detection finds."""

    personal_data_names = models.TextField(
        "names to keep out",
        blank=True,
        help_text=(
            "One per line: people this article must never name (for example the "
            "parties of the case it was written from). Never shown."
        ),
    )

    # Fields of the mixin that are never shown, so never checked.
    not_public_text = ("personal_data_names",)

    class Meta:
        abstract = True

    def guarded_names(self) -> list[str]:
        return [n.strip() for n in self.personal_data_names.splitlines() if n.strip()]

    @staticmethod
    def personal_data_panel() -> MultiFieldPanel:
        """The editor's panel: names to keep out, and a Manager's override reason
        (a field of ``admin_forms.PersonalDataOverrideForm``)."""
        return MultiFieldPanel(
            [FieldPanel("personal_data_names"), FieldPanel("pii_override_reason")],
            heading="Personal data guard",
        )


class PersonalDataPolicy(models.Model):
    """Holds the guard's permission, which a role is granted; it has no rows
    (as Wagtail's own ``Admin`` model holds ``access_admin``)."""

    class Meta:
        verbose_name = verbose_name_plural = "personal-data guard"
        default_permissions = ()
        permissions = [
            (
                "override_personal_data_guard",
                "Can publish a public page despite personal-data findings",
            )
        ]

    def __str__(self):
        return "Personal-data policy"
