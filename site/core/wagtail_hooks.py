from django.urls import path
from wagtail import hooks

from . import personal_data_bulk, personal_data_exposure, personal_data_views
from .panels import WelcomePanel


@hooks.register("construct_homepage_panels")
def add_welcome_panel(request, panels):
    panels.append(WelcomePanel(request))


@hooks.register("register_admin_urls")
def register_personal_data_review():
    return [
        path(
            "personal-data/<int:page_id>/",
            personal_data_views.review,
            name="deskbook_personal_data_review",
        )
    ]


@hooks.register("before_publish_page")
def stop_personal_data_going_public(request, page):
    return personal_data_views.guard_publish(request, page)


@hooks.register("before_bulk_action")
def stop_personal_data_in_bulk_publish(request, action_type, objects, action):
    return personal_data_bulk.guard_bulk_publish(request, action_type, objects, action)


@hooks.register("before_copy_page")
def stop_personal_data_in_published_copies(request, page):
    return personal_data_bulk.guard_copy_publish(request, page)


@hooks.register("before_move_page")
def stop_personal_data_moving_into_public(request, page, destination):
    return personal_data_exposure.guard_move(request, page, destination)


@hooks.register("before_bulk_action")
def stop_personal_data_in_bulk_move(request, action_type, objects, action):
    return personal_data_exposure.guard_bulk_move(request, action_type, objects, action)


@hooks.register("register_log_actions")
def register_personal_data_override(actions):
    actions.register_action(
        personal_data_views.OVERRIDE_ACTION,
        "Published despite personal data",
        "Published despite personal-data findings",
    )
