from http import HTTPMethod

from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
REFERENCE_PREFIX = "ENQ-"


class Topic(models.TextChoices):
    IMPERSONATION = "impersonation", "I think someone is pretending to be you"
    DEBT = "debt", "A question about a debt"
    COMPLAINT = "complaint", "A complaint"
    PRESS = "press", "Press / media"
    OTHER = "other", "Something else"


class EnquiryQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Enquiry.Status.CLOSED)

    def new(self):
        return self.filter(status=Enquiry.Status.NEW)

    def held(self):
        return self.filter(status=Enquiry.Status.HELD)


class Enquiry(models.Model):
    """A message sent by a member of the public through the contact page.

    The sender's IP address is deliberately not kept: the rate limit counts it
    in the cache for an hour and no longer.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"
        # Stored but nobody e-mailed: it looked automated (sent within seconds
        # of the form being shown). Staff read it and set another status.
        HELD = "held", "Held: suspected spam"

    name = models.CharField(max_length=120)
    email = models.EmailField("e-mail")
    phone = models.CharField(max_length=40, blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices)
    account_reference = models.CharField(
        "account or reference number", max_length=60, blank=True
    )
    message = models.TextField(max_length=5000)
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    staff_notes = models.TextField(
        "internal notes",
        blank=True,
        help_text="For colleagues only: never sent to the person who wrote.",
    )
    notified_at = models.DateTimeField(
        "e-mailed to the team at",
        null=True,
        blank=True,
        help_text="Empty if the notification e-mail could not be sent.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.name}"

    @property
    def reference(self) -> str:
        """What the sender is shown and can quote on the phone, e.g. ENQ-000042."""
        return f"{REFERENCE_PREFIX}{self.pk:06d}" if self.pk else ""

    @staticmethod
    def pk_from_reference(text: str) -> int | None:
        """The primary key in ``ENQ-000042`` (or ``enq-42``), else None."""
        text = text.strip().upper()
        if not text.startswith(REFERENCE_PREFIX):
            return None
        number = text.removeprefix(REFERENCE_PREFIX)
        return int(number) if number.isdigit() else None


class EnquiryPage(Page):
    """The public contact page: an enquiry form, and what happens after sending."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text="Shown after an enquiry has been sent.",
    )
    phone_number = models.CharField(
        max_length=40,
        blank=True,
        help_text="Shown on the page, and to people who have sent too many "
        "enquiries in a short time.",
    )
    phone_hours = models.CharField(
        max_length=120, blank=True, help_text="For example: Monday to Friday, 9am–6pm"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("phone_number"), FieldPanel("phone_hours")],
            heading="Phone",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    allowed_http_methods = [
        HTTPMethod.GET,
        HTTPMethod.HEAD,
        HTTPMethod.OPTIONS,
        HTTPMethod.POST,
    ]

    class Meta:
        verbose_name = "enquiry page"

    def get_context(self, request, *args, **kwargs):
        from .forms import EnquiryForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = EnquiryForm()
        return context

    def serve(self, request, *args, **kwargs):
        from .views import serve_enquiry_page

        response = serve_enquiry_page(request, self)
        # The page carries a CSRF token and what the visitor typed: no shared
        # cache (a proxy, or the public page cache) may keep a copy.
        add_never_cache_headers(response)
        return response
