from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "deskbook.core"
    label = "core"
    verbose_name = "Deskbook core"

    def ready(self):
        from . import page_cache, renditions, visibility
        from .roles import sync_roles_after_migrate

        # Groups exist as soon as the schema does, on every database.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="deskbook-roles")
        page_cache.connect_signals()
        visibility.connect_signals()
        renditions.connect_signals()
