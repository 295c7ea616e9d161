"""The permission matrix of the role groups, rendered as a Markdown table.

``docs/permissions.md`` embeds this table between two markers; a test keeps the
document and the database in step, and ``manage.py permission_matrix --write``
refreshes it.
"""

from collections import defaultdict

from django.contrib.auth.models import Group
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
)

from .roles import STAFF_ROLES

START_MARKER = "<!-- permission-matrix:start -->"
END_MARKER = "<!-- permission-matrix:end -->"


def _action(codename: str) -> str:
    return codename.split("_", 1)[0]


def matrix_rows() -> dict[str, dict[str, set[str]]]:
    """Row label → role → actions, for every permission any role holds."""
    rows: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    groups = Group.objects.filter(name__in=STAFF_ROLES).prefetch_related(
        "permissions__content_type"
    )
    for group in groups:
        for perm in group.permissions.all():
            ct = perm.content_type
            if perm.codename == "access_admin":
                rows["Admin: sign in to /admin/"][group.name].add("yes")
                continue
            model = ct.model_class()
            name = model._meta.verbose_name_plural if model else ct.model
            rows[f"Model: {ct.app_label} · {name}"][group.name].add(
                _action(perm.codename)
            )
    page_perms = GroupPagePermission.objects.filter(
        group__name__in=STAFF_ROLES
    ).select_related("group", "page", "permission")
    for grant in page_perms:
        label = f"Pages: “{grant.page.title}” and below"
        rows[label][grant.group.name].add(_action(grant.permission.codename))
    collection_perms = GroupCollectionPermission.objects.filter(
        group__name__in=STAFF_ROLES
    ).select_related("group", "collection", "permission__content_type")
    for grant in collection_perms:
        kind = grant.permission.content_type.model
        label = f"Collection: “{grant.collection.name}” · {kind}s"
        rows[label][grant.group.name].add(_action(grant.permission.codename))
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related(
        "groups"
    )
    for restriction in restrictions:
        label = f"View: “{restriction.page.title}” (restricted)"
        for group in restriction.groups.all():
            if group.name in STAFF_ROLES:
                rows[label][group.name].add("yes")
    return rows


def render_matrix() -> str:
    rows = matrix_rows()
    header = "| What | " + " | ".join(STAFF_ROLES) + " |"
    rule = "|---|" + "---|" * len(STAFF_ROLES)
    lines = [header, rule]
    for label in sorted(rows):
        cells = [", ".join(sorted(rows[label].get(role, ()))) for role in STAFF_ROLES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def embed_matrix(document: str, table: str) -> str:
    """``document`` with the text between the markers replaced by ``table``."""
    start = document.index(START_MARKER) + len(START_MARKER)
    end = document.index(END_MARKER)
    return document[:start] + "\n" + table + "\n" + document[end:]
