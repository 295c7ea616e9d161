"""Clearing a course's review flag once its owner has checked it against
the revised SOPs: one POST, one service call."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from deskbook.core.refusals import refused_with_403

from ..models import Course
from ..services import course_review_clear


@refused_with_403
@require_POST
def course_reviewed(request, pk):
    course = get_object_or_404(Course, pk=pk)
    course_review_clear(course=course, by=request.user)
    messages.success(request, f"{course.title}: reviewed against its SOPs.")
    return redirect("wagtailadmin_home")
