"""The admin's *Workforce* menu, filled through ``WORKFORCE_MENU``."""

from wagtail.admin.menu import Menu, SubmenuMenuItem

from .hooks import WORKFORCE_MENU


def workforce_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        "Workforce",
        Menu(register_hook_name=WORKFORCE_MENU),
        name="workforce",
        icon_name="group",
        order=300,
    )
