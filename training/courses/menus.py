"""The admin's *Training & quality* menu, filled through ``TRAINING_MENU``."""

from wagtail.admin.menu import Menu, SubmenuMenuItem

from .hooks import TRAINING_MENU


def training_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        "Training & quality",
        Menu(register_hook_name=TRAINING_MENU),
        name="training",
        icon_name="doc-full-inverse",
        order=310,
    )
