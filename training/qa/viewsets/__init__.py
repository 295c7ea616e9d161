"""The pages of QA: the *QA* menu inside *Training & quality* (calls, the
contact-rule report, payments, imports of logs). Every page refuses with a
403."""

from wagtail.admin.viewsets.base import ViewSetGroup

from training.courses.hooks import TRAINING_MENU

from ..hooks import QA_MENU
from .calls import CallViewSet, PaymentViewSet
from .contact_rules import ContactRulesViewSet
from .imports import ImportJobViewSet

__all__ = ["QAGroup"]


class QAGroup(ViewSetGroup):
    menu_label = "QA"
    menu_icon = "check"
    menu_order = 20
    menu_hook = TRAINING_MENU
    submenu_hook = QA_MENU
    items = (
        CallViewSet("qa_calls"),
        ContactRulesViewSet(),
        PaymentViewSet("qa_payments"),
        ImportJobViewSet("qa_imports"),
    )
