from django.core.paginator import Paginator
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .organisation import OrganisationSettings
from .visibility import viewable_by

__all__ = ["OrganisationSettings", "SectionIndexPage"]


class SectionIndexPage(Page):
    """A top-level section of the site: an introduction above its child pages."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    children_per_page = 20
    children_order: tuple[str, ...] = ("-first_published_at",)

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(
            self.listed_children(request, **kwargs), self.children_per_page
        )
        context["children"] = paginator.get_page(request.GET.get("page"))
        return context

    def listed_children(self, request, **filters):
        """The live child pages ``request.user`` may view, in listing order."""
        return viewable_by(
            self.get_children().live().specific().order_by(*self.children_order),
            request.user,
        )
