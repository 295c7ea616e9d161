"""*Scorecards*: each scorecard's page shows the formula, word for word as the
score is computed, and every version's sections and items. A version no
evaluation has used is edited here (sections, then each section's items); a
used one has no edit: *New version* copies it into the next version."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.refusals import RefusesWith403, refused_with_403

from ..calculations.scoring import FORMULA
from ..hooks import QA_MENU
from ..models import Scorecard, ScorecardVersion, Section
from ..services.scorecards import (
    check_editable,
    scorecard_version_new,
    version_with_structure,
)
from .evaluation_pages import QAPageMixin

EDIT = "qa.change_scorecard"


class ScorecardPageView(QAPageMixin, TemplateView):
    template_name = "qa/scorecard.html"
    parent_crumbs = property(
        lambda self: [(reverse("qa_scorecards:index"), "Scorecards")]
    )

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.scorecard = get_object_or_404(Scorecard, pk=kwargs["pk"])

    def check_allowed(self):
        if not self.request.user.has_perm("qa.view_scorecard"):
            raise PermissionDenied("Scorecards are kept by QA.")

    def get_page_title(self):
        return self.scorecard.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = [
            version_with_structure(pk)
            for pk in self.scorecard.versions.order_by("-number").values_list(
                "pk", flat=True
            )
        ]
        context.update(
            scorecard=self.scorecard,
            versions=versions,
            formula=FORMULA,
            may_edit=self.request.user.has_perm(EDIT),
        )
        return context


@refused_with_403
@require_POST
def new_version_view(request, pk):
    if not request.user.has_perm(EDIT):
        raise PermissionDenied("Scorecards are changed by QA managers.")
    scorecard = get_object_or_404(Scorecard, pk=pk)
    based_on = scorecard.current_version()
    version = scorecard_version_new(
        scorecard=scorecard, based_on=based_on, by=request.user
    )
    messages.success(request, f"Version {version.number} made: edit it.")
    return redirect("qa_scorecard_versions:edit", version.pk)


class ScorecardIndexView(ModelViewSet.index_view_class):
    def get_edit_url(self, instance):
        # The scorecard's page: the formula and its versions.
        return reverse("qa_scorecards:page", args=[instance.pk])


class ScorecardViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = Scorecard
    index_view_class = ScorecardIndexView
    url_prefix = "qa/scorecards"
    icon = "list-ul"
    menu_label = "Scorecards"
    menu_order = 50
    copy_view_enabled = False
    list_display = ["name"]
    list_export = ["name", "description"]
    export_filename = "qa-scorecards"
    form_fields = ["name", "description"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/page/", ScorecardPageView.as_view(), name="page"),
            path("<int:pk>/new-version/", new_version_view, name="new_version"),
        ]


class FrozenWhenUsed:
    """Edit and delete views of a version's parts: refused once the version
    has been used (the admin has no edit of a used version)."""

    def version_of(self, instance) -> ScorecardVersion:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        instance = self.get_object()
        try:
            check_editable(self.version_of(instance))
        except ValidationError as error:
            raise PermissionDenied(" ".join(error.messages)) from error
        return super().dispatch(request, *args, **kwargs)


class VersionEditView(FrozenWhenUsed, ModelViewSet.edit_view_class):
    def version_of(self, instance):
        return instance


class SectionEditView(FrozenWhenUsed, ModelViewSet.edit_view_class):
    def version_of(self, instance):
        return instance.version


class EditOnlyViewSet(RefusesWith403, ModelViewSet):
    """A version's parts are edited, never added or deleted here: a new
    version is made by copying (``New version``), and a used one is frozen."""

    icon = "list-ul"
    add_to_admin_menu = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<str:pk>/", self.edit_view, name="edit"),
            path("usage/<str:pk>/", self.usage_view, name="usage"),
            path("history/<str:pk>/", self.history_view, name="history"),
            path(
                "history-results/<str:pk>/",
                self.history_results_view,
                name="history_results",
            ),
        ]


class ScorecardVersionViewSet(EditOnlyViewSet):
    """A version's note and sections."""

    model = ScorecardVersion
    url_prefix = "qa/scorecard-versions"
    edit_view_class = VersionEditView
    list_display = ["__str__", "used"]


class SectionViewSet(EditOnlyViewSet):
    """A section's title, weight and items."""

    model = Section
    url_prefix = "qa/scorecard-sections"
    edit_view_class = SectionEditView
