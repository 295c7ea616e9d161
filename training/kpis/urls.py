from django.urls import path

from .viewsets.daily_report import DailyReportView
from .viewsets.leaderboard import LeaderboardView
from .viewsets.ramp import RampView
from .viewsets.scorecard import CollectorKpiView

app_name = "kpis"
urlpatterns = [
    path("mine/", CollectorKpiView.as_view(), name="mine"),
    path("collector/<int:pk>/", CollectorKpiView.as_view(), name="collector"),
    path("collector/<int:pk>/ramp/", RampView.as_view(), name="ramp"),
    path("leaderboard/", LeaderboardView.as_view(), name="leaderboard"),
    path("daily/", DailyReportView.as_view(), name="daily_report"),
]
