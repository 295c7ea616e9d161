"""The dashboard's clock button: the signed-in person clocks in or out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from deskbook.core.refusals import refused_with_403

from ..services import NotClockedIn, clock_in, clock_out

ACTIONS = {
    "clock_in": (clock_in, "Clocked in"),
    "clock_out": (clock_out, "Clocked out"),
}


@refused_with_403
@require_POST
def clock_view(request):
    """Clock in or out (``action``), then back to the dashboard."""
    try:
        service, done = ACTIONS[request.POST.get("action", "")]
    except KeyError:
        raise PermissionDenied("Clock in or clock out, nothing else.") from None
    try:
        event = service(user=request.user)
    except NotClockedIn as error:
        messages.error(request, " ".join(error.messages))
    else:
        moment = timezone.localtime(event.at)
        messages.success(request, f"{done} at {moment:%H:%M}.")
    return redirect("wagtailadmin_home")


urlpatterns = [path("attendance/clock/", clock_view, name="attendance_clock")]
