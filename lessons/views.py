"""Admin actions on a lesson: promote it to a draft public alert."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from .promotion import lesson_promote
from .selectors import lessons_visible_to


def promote(request, lesson_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("lessons.promote_lesson"):
        raise PermissionDenied
    lesson = get_object_or_404(lessons_visible_to(request.user), pk=lesson_id)
    article = lesson_promote(lesson=lesson, user=request.user)
    messages.success(
        request,
        "A draft public alert was made from the lesson. Check it for personal "
        "data, apply the redactions, then publish.",
    )
    return redirect("deskbook_personal_data_review", article.pk)
