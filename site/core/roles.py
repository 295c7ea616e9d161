"""The staff roles, as Django groups with least-privilege permissions.

Roles are defined in code: ``sync_roles()`` sets each group's model permissions
to exactly what the core and the apps declare, so a migration on any machine
gives the same groups. Page and collection permissions belong to the page tree
and are granted where the sections are created (see ``pagetree``).
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from . import hooks

COLLECTOR = "Collector"
TEAM_LEAD = "Team lead"
TRAINER = "Trainer"
QA_ANALYST = "QA analyst"
EDITOR = "Editor"
MANAGER = "Manager"

STAFF_ROLES = (COLLECTOR, TEAM_LEAD, TRAINER, QA_ANALYST, EDITOR, MANAGER)

# What every role needs from the core alone: every role works in the admin;
# Managers keep the organisation's name and contact details (Settings).
CORE_PERMISSIONS: dict[str, list[str]] = {
    role: ["wagtailadmin.access_admin"] for role in STAFF_ROLES
}
CORE_PERMISSIONS[MANAGER] = [
    *CORE_PERMISSIONS[MANAGER],
    "core.change_organisationsettings",
]


def declared_permissions() -> dict[str, set[str]]:
    """Role name → ``app_label.codename`` set, from the core and every app's hook."""
    declared = {role: set(perms) for role, perms in CORE_PERMISSIONS.items()}
    for contribution in hooks.run(hooks.ROLE_PERMISSIONS):
        for role, perms in contribution.items():
            if role not in declared:
                raise ValueError(f"Unknown role {role!r} in a role permission hook")
            declared[role].update(perms)
    return declared


def _resolve(names: set[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = sorted(".".join(key) for key in wanted - found.keys())
    if missing:
        raise LookupError(f"Permissions declared for roles do not exist: {missing}")
    return [found[key] for key in wanted]


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    """Create the role groups and give each exactly its declared permissions."""
    groups = {}
    for role, names in declared_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_resolve(names))
        groups[role] = group
    return groups


def sync_roles_after_migrate(*, app_config, using="default", **kwargs):
    # post_migrate fires once for each app with models, in INSTALLED_APPS order,
    # on every migrate and every flush: sync once, on the last app's signal.
    # Every app's permissions are created first (idempotent), so the result does
    # not depend on whether Django's own receiver has run for that app yet.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    for config in with_models:
        create_permissions(config, verbosity=0, using=using)
    sync_roles()
