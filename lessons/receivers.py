from wagtail.signals import page_published

from .models import LessonPage
from .services import lesson_sensitivity_apply


def apply_sensitivity(sender, instance, **kwargs):
    lesson_sensitivity_apply(lesson=instance)


def connect():
    page_published.connect(
        apply_sensitivity, sender=LessonPage, dispatch_uid="lessons_sensitivity"
    )
