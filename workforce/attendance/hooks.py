"""The hooks attendance declares.

``ATTENDANCE_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *Attendance* menu
    inside *Workforce* (clock events, integrations). A viewset joins it by
    setting ``menu_hook = ATTENDANCE_MENU`` and ``add_to_admin_menu = True``.
"""

ATTENDANCE_MENU = "attendance_menu_items"
