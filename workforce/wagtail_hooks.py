from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO, TEAM_DIRECTORY
from deskbook.core.roles import MANAGER, TEAM_LEAD

from .demo import seed_teams_and_staff
from .team_directory import WorkforceTeamDirectory
from .viewsets import WorkforceViewSetGroup


@hooks.register("register_admin_viewset")
def register_workforce_viewsets():
    return WorkforceViewSetGroup()


@hooks.register(ROLE_PERMISSIONS)
def workforce_role_permissions():
    every_action = ["add", "change", "delete", "view"]
    return {
        MANAGER: [
            f"workforce.{a}_{m}" for m in ("staff", "team") for a in every_action
        ],
        TEAM_LEAD: ["workforce.view_staff", "workforce.view_team"],
    }


@hooks.register(SEED_DEMO, order=10)
def seed_workforce(*, size, log):
    seed_teams_and_staff(size=size, log=log)


@hooks.register(TEAM_DIRECTORY)
def workforce_team_directory():
    return WorkforceTeamDirectory()
