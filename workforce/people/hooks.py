"""The hooks the people app declares for the back office's other capabilities.

``WORKFORCE_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the admin's *Workforce*
    menu (people, shifts, leave, attendance). A viewset joins it by setting
    ``menu_hook = WORKFORCE_MENU`` and ``add_to_admin_menu = True``. The menu
    shows only to a user who may see at least one of its items.
"""

WORKFORCE_MENU = "workforce_menu_items"
