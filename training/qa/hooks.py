"""The hooks QA declares.

``QA_MENU`` (``"qa_menu_items"``)
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *QA* menu inside
    *Training & quality* (calls, contact rules, imports, scorecards, samples,
    evaluations, disputes, coaching, calibration). A viewset joins it by
    setting ``menu_hook = QA_MENU`` and ``add_to_admin_menu = True``.

A critical fail puts the collector on the next session of the failed item's
refresher course, and a course completed just before a period is a risk
factor of its sample: QA calls and reads the courses app directly, which
sits below it.
"""

QA_MENU = "qa_menu_items"
