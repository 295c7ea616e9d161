"""Integrations: managers create one per badge reader or dialer, see its
token once, change its scopes and revoke it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from deskbook.core.refusals import RefusesWith403
from workforce.people.viewsets.service_forms import ServiceCreateView

from ..admin_forms import IntegrationForm
from ..models import Integration
from ..services import integration_create, integration_revoke

REVOKE = "attendance.change_integration"


class IntegrationIndexView(IndexView):
    def get_base_queryset(self):
        return Integration.objects.all()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.request.user.has_perm(REVOKE):
            url = reverse("attendance_integrations:revoke", args=[instance.pk])
            buttons.append(ListingButton("Revoke", url=url, icon_name="cross"))
        return buttons


class IntegrationCreateView(ServiceCreateView):
    def call_service(self, data):
        integration, self.token = integration_create(
            name=data["name"], scopes=data["scopes"], by=self.request.user
        )
        return integration

    def save_action(self):
        """The token, this once: only its hash is kept."""
        response = TemplateResponse(
            self.request,
            "attendance/integration_token.html",
            {
                "integration": self.object,
                "token": self.token,
                "page_title": f"Token of {self.object.name}",
                "index_url": reverse("attendance_integrations:index"),
            },
        )
        response["Cache-Control"] = "no-store"
        return response


def revoke_view(request, pk):
    """Confirm, then revoke: the token stops working at once."""
    if not request.user.has_perm(REVOKE):
        raise PermissionDenied("Integrations are revoked by managers.")
    integration = get_object_or_404(Integration, pk=pk)
    if request.method == "POST":
        integration_revoke(integration=integration)
        messages.success(request, f"{integration.name}: token revoked.")
        return redirect("attendance_integrations:index")
    return TemplateResponse(
        request,
        "attendance/integration_revoke.html",
        {"integration": integration, "page_title": "Revoke an integration's token"},
    )


class IntegrationViewSet(RefusesWith403, ModelViewSet):
    model = Integration
    url_prefix = "workforce/integrations"
    icon = "key"
    menu_label = "Integrations"
    menu_order = 20
    index_view_class = IntegrationIndexView
    add_view_class = IntegrationCreateView
    copy_view_enabled = False
    list_display = [
        "name",
        "scopes",
        Column("token_hint", label="Token starts"),
        Column("last_used_at", label="Last used"),
        Column("revoked_at", label="Revoked"),
    ]

    def get_form_class(self, for_update=False):
        return IntegrationForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", revoke_view, name="revoke"),
        ]
