"""The hooks leave declares.

``LEAVE_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *Leave* menu
    inside *Workforce* (requests, types, allocations, holidays, blackouts).
    A viewset joins it by setting ``menu_hook = LEAVE_MENU`` and
    ``add_to_admin_menu = True``.
"""

LEAVE_MENU = "leave_menu_items"
