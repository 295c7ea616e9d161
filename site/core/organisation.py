"""Who runs the site: the organisation's name and contact details, one place.

A Wagtail site setting (*Settings → Organisation*), read by the header and
footer, the feeds, the articles' JSON-LD and the e-mails. Pages read it through
``for_request``, which keeps it on the request: one query a request, however
many times it is used.
"""

from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

DEFAULT_NAME = "Deskbook"


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    name = models.CharField(
        max_length=120,
        default=DEFAULT_NAME,
        help_text="Shown in the header and footer, page titles, feeds and e-mails.",
    )
    address = models.TextField(
        "postal address",
        blank=True,
        help_text="As written on an envelope, one line per line.",
    )
    phone = models.CharField("phone number", max_length=40, blank=True)
    email = models.EmailField("e-mail address", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    def schema_org(self, root_url: str, logo_url: str) -> dict:
        """schema.org ``Organization``, for JSON-LD."""
        data = {
            "@type": "Organization",
            "name": self.name,
            "url": root_url + "/",
            "logo": {"@type": "ImageObject", "url": logo_url},
        }
        if self.address_lines:
            data["address"] = ", ".join(self.address_lines)
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        return data


def organisation_for(request=None, site: Site | None = None) -> OrganisationSettings:
    """The organisation of ``request``'s site (kept on the request), else of
    ``site``, else of the default site; unsaved defaults when there is no site."""
    try:
        if request is not None:
            return OrganisationSettings.for_request(request)
        site = site or Site.objects.filter(is_default_site=True).first()
        return OrganisationSettings.for_site(site)
    except OrganisationSettings.DoesNotExist:  # no site at all: a fresh database
        return OrganisationSettings()


def organisation_context(request) -> dict:
    """Template context processor: ``organisation``, read when first used."""
    return {"organisation": SimpleLazyObject(lambda: organisation_for(request))}
