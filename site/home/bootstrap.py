from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from deskbook.core.pagetree import (
    default_site,
    grant_collection_permissions,
    grant_page_permissions,
    public_address,
    tree_root,
)
from deskbook.core.roles import EDITOR, MANAGER

from .models import HomePage

HOME_TEXT = (
    "Deskbook is where our collectors, team leads, trainers and QA analysts "
    "learn, plan and improve — and where the public learns how to spot a scam "
    "that uses our name."
)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The default site's HomePage, replacing Wagtail's placeholder page once;
    the site answers at ``DESKBOOK_PUBLIC_URL`` (updated on every run)."""
    site = default_site()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        home = _home_page_in_tree()
    hostname, port = public_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "site_name": "Deskbook",
            "root_page": home,
        },
    )
    return home


def _home_page_in_tree() -> HomePage:
    root = tree_root()
    home = HomePage.objects.child_of(root).first()
    if home is None:
        # Wagtail's migrations leave a plain "Welcome" page; its Site goes with it.
        Page.objects.child_of(root).filter(slug="home").exact_type(Page).delete()
        home = HomePage(
            title="Deskbook",
            slug="home",
            hero_heading="Collect fairly. Learn from every case.",
            hero_text=HOME_TEXT,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    return home


WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


@transaction.atomic
def ensure_manager_approval() -> Workflow:
    """Route every page submitted for moderation to the Managers.

    Wagtail's migrations create "Editors" and "Moderators" groups with page
    permissions on the tree root and a workflow that asks Moderators to approve.
    Our roles replace them: the workflow's approval goes to the Manager group and
    the default groups go, once nobody belongs to them.
    """
    managers = Group.objects.get(name=MANAGER)
    task = GroupApprovalTask.objects.filter(name="Manager approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Manager approval")
    task.groups.set([managers])
    workflow, _ = Workflow.objects.get_or_create(name="Manager approval")
    if not workflow.workflow_tasks.filter(task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=tree_root(), defaults={"workflow": workflow}
    )
    stale = Workflow.objects.exclude(pk=workflow.pk).filter(active=True)
    for old in stale.filter(name="Moderators approval"):
        old.deactivate()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user=None).delete()
    return workflow


MEDIA_PERMISSIONS = [
    f"{action}_{kind}"
    for kind in ("image", "document")
    for action in ("add", "change", "choose")
]


def bootstrap_home():
    home = ensure_home_page()
    # Managers may edit and publish anywhere in the tree; sections add their own
    # narrower grants for other roles.
    grant_page_permissions(
        home, MANAGER, ["add", "change", "publish", "lock", "unlock"]
    )
    for role in (EDITOR, MANAGER):
        grant_collection_permissions(role, MEDIA_PERMISSIONS)
    ensure_manager_approval()
