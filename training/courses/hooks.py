"""The hooks the courses app declares for training and quality.

``TRAINING_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the admin's *Training &
    quality* menu (courses, QA, KPIs). A viewset joins it by setting
    ``menu_hook = TRAINING_MENU`` and ``add_to_admin_menu = True``. The menu
    shows only to a user who may see at least one of its items, so it stays
    hidden until a capability adds one.
"""

TRAINING_MENU = "training_menu_items"
