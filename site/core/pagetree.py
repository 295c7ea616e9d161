"""Idempotent building blocks for the page tree: sections, view restrictions,
page and collection permissions. Apps call these from their bootstrap hooks."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from .roles import STAFF_ROLES

PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def public_address() -> tuple[str, int]:
    """The host name and port of ``DESKBOOK_PUBLIC_URL``, as Wagtail's Site keeps them.

    Wagtail builds every absolute link (canonical, feeds, sitemap) from the
    Site's host and port, and says https for port 443 and http otherwise.
    """
    parts = urlsplit(settings.DESKBOOK_PUBLIC_URL)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def site_home() -> Page:
    site = default_site()
    if site is None:
        raise LookupError("No default site: run `manage.py bootstrap_site` first.")
    return site.root_page.specific


def tree_root() -> Page:
    """Wagtail's tree root, recreated (with the default locale) on an empty database."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def ensure_child_page(parent: Page, page_class: type[Page], *, slug: str, **fields):
    """The live child of ``parent`` with this slug, created and published if missing."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def restrict_to_groups(page: Page, group_names) -> PageViewRestriction:
    """Allow only members of these groups (and superusers) to view ``page``."""
    restriction, _ = PageViewRestriction.objects.get_or_create(
        page=page, defaults={"restriction_type": PageViewRestriction.GROUPS}
    )
    if restriction.restriction_type != PageViewRestriction.GROUPS:
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save(update_fields=["restriction_type"])
    restriction.groups.set(Group.objects.filter(name__in=group_names))
    return restriction


def grant_page_permissions(page: Page, group_name: str, actions) -> None:
    """Give ``group_name`` exactly ``actions`` on ``page`` and its descendants."""
    unknown = set(actions) - set(PAGE_ACTIONS)
    if unknown:
        raise ValueError(f"Unknown page actions: {sorted(unknown)}")
    group = Group.objects.get(name=group_name)
    page_type = ContentType.objects.get_for_model(Page)
    wanted = Permission.objects.filter(
        content_type=page_type, codename__in=[f"{a}_page" for a in actions]
    )
    GroupPagePermission.objects.filter(group=group, page=page).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


def grant_collection_permissions(group_name: str, codenames) -> None:
    """Give ``group_name`` these image/document permissions on the root collection."""
    group = Group.objects.get(name=group_name)
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for permission in Permission.objects.filter(codename__in=codenames):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def ensure_section(
    page_class: type[Page],
    *,
    slug: str,
    title: str,
    intro: str,
    staff_only: bool = False,
) -> Page:
    """A top-level, in-menu section under the home page; staff-only if asked."""
    section = ensure_child_page(
        site_home(), page_class, slug=slug, title=title, show_in_menus=True, intro=intro
    )
    if staff_only:
        restrict_to_groups(section, STAFF_ROLES)
    return section
