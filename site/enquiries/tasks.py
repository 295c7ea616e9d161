"""Background work: with a queue backend a worker sends the notification, so a
slow mail server never keeps the person waiting."""

from django_tasks import task

from .models import Enquiry
from .notifications import enquiry_notify


@task()
def enquiry_notify_task(enquiry_id: int) -> bool:
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:  # deleted before the worker got to it
        return False
    return enquiry_notify(enquiry=enquiry)
