from django.urls import path
from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS
from deskbook.core.roles import MANAGER

from . import bulk_guard, exposure_guard, publish_guard, viewsets


@hooks.register("register_admin_urls")
def register_personal_data_review():
    return [
        path(
            "personal-data/<int:page_id>/",
            viewsets.review,
            name="deskbook_personal_data_review",
        )
    ]


@hooks.register(ROLE_PERMISSIONS)
def personal_data_role_permissions():
    # Publishing a public page that still holds personal data, with a reason.
    return {MANAGER: [publish_guard.OVERRIDE_PERMISSION]}


@hooks.register("before_publish_page")
def stop_personal_data_going_public(request, page):
    return publish_guard.guard_publish(request, page)


@hooks.register("before_bulk_action")
def stop_personal_data_in_bulk_publish(request, action_type, objects, action):
    return bulk_guard.guard_bulk_publish(request, action_type, objects, action)


@hooks.register("before_copy_page")
def stop_personal_data_in_published_copies(request, page):
    return bulk_guard.guard_copy_publish(request, page)


@hooks.register("before_move_page")
def stop_personal_data_moving_into_public(request, page, destination):
    return exposure_guard.guard_move(request, page, destination)


@hooks.register("before_bulk_action")
def stop_personal_data_in_bulk_move(request, action_type, objects, action):
    return exposure_guard.guard_bulk_move(request, action_type, objects, action)


@hooks.register("register_log_actions")
def register_personal_data_override(actions):
    actions.register_action(
        publish_guard.OVERRIDE_ACTION,
        "Published despite personal data",
        "Published despite personal-data findings",
    )
