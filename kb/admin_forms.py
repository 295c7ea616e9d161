"""The SOP edit form: the acknowledgement tick box and the audience choices."""

from django.contrib.auth.models import Group
from wagtail.admin.forms import WagtailAdminPageForm

from deskbook.core.roles import COLLECTOR, STAFF_ROLES, TEAM_LEAD

DEFAULT_AUDIENCE = (COLLECTOR, TEAM_LEAD)


class SOPPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        audience = self.fields.get("audience")
        if audience is not None:
            audience.queryset = Group.objects.filter(name__in=STAFF_ROLES).order_by(
                "name"
            )
        if "ack_requested" not in self.fields:
            return
        page = self.instance
        if page.pk is None:
            # A new procedure: everyone it concerns should read it.
            self.initial["ack_requested"] = True
            if audience is not None:
                self.initial["audience"] = list(
                    Group.objects.filter(name__in=DEFAULT_AUDIENCE)
                )
        elif not page.has_unpublished_changes:
            # The box is a decision about the next publish, not a property that
            # carries over from the last one.
            self.initial["ack_requested"] = False
