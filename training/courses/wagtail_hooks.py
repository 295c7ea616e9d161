from wagtail import hooks

from .menus import training_menu

hooks.register("register_admin_menu_item", training_menu)
