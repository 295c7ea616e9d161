"""The hooks QA declares.

``QA_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *QA* menu inside
    *Training & quality* (calls, contact rules, imports; scorecards, samples
    and evaluations join it the same way). A viewset joins it by setting
    ``menu_hook = QA_MENU`` and ``add_to_admin_menu = True``.
"""

QA_MENU = "qa_menu_items"
