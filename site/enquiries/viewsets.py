"""Enquiries in the back office: list, filter, search, read, set the status, export."""

import django_filters
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT

from .models import Enquiry, Topic


def local_time(value):
    return timezone.localtime(value).replace(tzinfo=None)


class EnquiryFilterSet(WagtailFilterSet):
    topic = django_filters.ChoiceFilter(label="About", choices=Topic.choices)
    status = django_filters.ChoiceFilter(choices=Enquiry.Status.choices)
    created_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = Enquiry
        fields = ["topic", "status", "created_at"]


class EnquiryIndexView(IndexView):
    # Times in the agency's time zone, not UTC; untrusted text made inert.
    custom_value_preprocess = SAFE_TEXT
    custom_field_preprocess = {
        field: {
            IndexView.FORMAT_CSV: lambda value: (
                local_time(value).strftime("%Y-%m-%d %H:%M") if value else ""
            ),
            IndexView.FORMAT_XLSX: lambda value: local_time(value) if value else None,
        }
        for field in ("created_at", "notified_at")
    }

    def search_queryset(self, queryset):
        # Staff on the phone are quoted the reference: ENQ-000042 finds it.
        if self.is_searching:
            pk = Enquiry.pk_from_reference(self.search_query)
            if pk is not None:
                return queryset.filter(pk=pk)
        return super().search_queryset(queryset)


def local_display(value) -> str:
    return date_format(timezone.localtime(value), "j F Y, H:i")


class EnquiryInspectView(InspectView):
    def get_created_at_display_value(self):
        return local_display(self.object.created_at)

    def get_notified_at_display_value(self):
        if self.object.notified_at is None:
            if self.object.status == Enquiry.Status.HELD:
                return "Not sent: held as suspected spam"
            return "Not sent (see the server log)"
        return local_display(self.object.notified_at)


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    url_prefix = "enquiries"
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = EnquiryIndexView
    inspect_view_class = EnquiryInspectView

    list_display = [
        "reference",
        "name",
        Column("topic", label="About", accessor="get_topic_display"),
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            primary=lambda enquiry: enquiry.status == Enquiry.Status.NEW,
        ),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    filterset_class = EnquiryFilterSet
    search_fields = ["name", "email", "phone", "account_reference", "message"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50

    inspect_view_fields = [
        "reference",
        "created_at",
        "status",
        "topic",
        "name",
        "email",
        "phone",
        "account_reference",
        "message",
        "staff_notes",
        "notified_at",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("staff_notes"),
            ],
            heading="Handling",
        ),
        MultiFieldPanel(
            [
                FieldPanel("created_at", read_only=True),
                FieldPanel("topic", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("account_reference", read_only=True),
                FieldPanel("message", read_only=True),
            ],
            heading="The enquiry (as sent)",
        ),
    ]

    list_export = [
        "reference",
        "created_at",
        "get_status_display",
        "get_topic_display",
        "name",
        "email",
        "phone",
        "account_reference",
        "message",
        "staff_notes",
        "notified_at",
    ]
    export_headings = {
        "reference": "Reference",
        "created_at": "Received",
        "get_status_display": "Status",
        "get_topic_display": "About",
        "email": "E-mail",
        "notified_at": "E-mailed to the team",
    }
    export_filename = "enquiries"


enquiry_viewset = EnquiryViewSet("enquiries")
