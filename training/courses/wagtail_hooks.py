from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO, TIMED_JOBS
from deskbook.core.roles import MANAGER, TEAM_LEAD, TRAINER
from workforce.people.hooks import PERSON_FLAGS
from workforce.scheduling.hooks import SCHEDULING_ABSENCES, SCHEDULING_FEED_EVENTS

from .dashboard_panels import training_panels
from .demo import seed_training
from .menus import training_menu
from .selectors.plan import feed_events, plan_absences
from .selectors.refreshers import lapse_flags
from .viewsets import certificate_urls, training_viewsets

hooks.register("register_admin_menu_item", training_menu)

# Confirmed sessions show in the plan over the shift time they replace, and
# attendance excuses the person for them.
hooks.register(SCHEDULING_ABSENCES, plan_absences)


@hooks.register(ROLE_PERMISSIONS)
def courses_role_permissions():
    running = [
        f"courses.{action}_{model}"
        for model in ("course", "session", "enrolmentrule")
        for action in ("add", "change", "view")
    ]
    return {
        MANAGER: running
        + [
            "courses.oversee_training",
            "courses.delete_enrolmentrule",
            "courses.view_enrolment",
            "courses.add_enrolment",
            "courses.view_certificate",
        ],
        TRAINER: running
        + [
            "courses.view_enrolment",
            "courses.add_enrolment",
            "courses.view_certificate",
        ],
        TEAM_LEAD: [
            "courses.view_course",
            "courses.view_session",
            "courses.view_enrolment",
            "courses.add_enrolment",
            "courses.view_certificate",
        ],
    }


@hooks.register(TIMED_JOBS)
def courses_timed_jobs():
    # Daily: the people due a refresher go to the next session with room.
    return [("enrol_refreshers", 24 * 60 * 60)]


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return training_viewsets()


@hooks.register("register_admin_urls")
def register_certificate_print():
    return certificate_urls()


@hooks.register("construct_homepage_panels")
def add_training_panels(request, panels):
    panels.extend(training_panels(request))


# After the knowledge base (20): courses teach its SOPs.
@hooks.register(SEED_DEMO, order=22)
def seed_training_demo(*, size, log):
    seed_training(size=size, log=log)


# A lapsed compliance certificate shows on the person's record, the lead's
# plan grid and the intraday board.
hooks.register(PERSON_FLAGS, lapse_flags)


# Each person's sessions join their shifts in their phone's calendar feed.
hooks.register(SCHEDULING_FEED_EVENTS, feed_events)
