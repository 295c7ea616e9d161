from wagtail import hooks

from deskbook.core.hooks import BOOTSTRAP
from deskbook.core.pagetree import grant_collection_permissions, grant_page_permissions
from deskbook.core.roles import EDITOR, MANAGER

from .bootstrap import ensure_home_page, ensure_manager_approval

MEDIA_PERMISSIONS = [
    f"{action}_{kind}"
    for kind in ("image", "document")
    for action in ("add", "change", "choose")
]


@hooks.register(BOOTSTRAP, order=0)
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
