"""The hooks QA declares.

``QA_MENU`` (``"qa_menu_items"``)
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *QA* menu inside
    *Training & quality* (calls, contact rules, imports, scorecards, samples,
    evaluations, disputes, coaching, calibration). A viewset joins it by
    setting ``menu_hook = QA_MENU`` and ``add_to_admin_menu = True``.

``QA_CRITICAL_FAIL`` (``"qa_critical_fail"``)
    ``fn(*, evaluation, items) -> None``: a final evaluation failed the
    critical ``items`` (``qa.Item`` rows). Called once the evaluation is
    committed. The courses capability answers it to enrol the collector
    (``evaluation.collector``) in the refresher that addresses those items;
    QA itself notifies the collector's lead.

``QA_RISK_FACTORS`` (``"qa_risk_factors"``)
    ``fn(*, collector_ids, first, last) -> dict[int, set[str]]``: extra risk
    factors of collectors for the sample of the period [first, last) (aware
    datetimes), by ``workforce.Staff`` id, e.g. ``{"course_completed"}`` for a
    course completed just before the period. The courses capability answers
    it; the factor names are the keys of the plan's ``risk_weights``.
"""

QA_MENU = "qa_menu_items"
QA_CRITICAL_FAIL = "qa_critical_fail"
QA_RISK_FACTORS = "qa_risk_factors"
