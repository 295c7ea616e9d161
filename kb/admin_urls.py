from django.urls import path

from .reports import OutstandingAcknowledgementsView, ReviewsDueView

app_name = "kb_reports"
urlpatterns = [
    path(
        "outstanding-acknowledgements/",
        OutstandingAcknowledgementsView.as_view(),
        name="outstanding_acknowledgements",
    ),
    path(
        "outstanding-acknowledgements/results/",
        OutstandingAcknowledgementsView.as_view(results_only=True),
        name="outstanding_acknowledgements_results",
    ),
    path("reviews-due/", ReviewsDueView.as_view(), name="reviews_due"),
    path(
        "reviews-due/results/",
        ReviewsDueView.as_view(results_only=True),
        name="reviews_due_results",
    ),
]
