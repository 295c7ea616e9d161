"""Writes of the KPIs: the daily fact build."""

from .facts import (
    days_changed_since_last_build,
    facts_rebuild,
    facts_rebuild_all,
    facts_rebuild_changed,
)

__all__ = [
    "days_changed_since_last_build",
    "facts_rebuild",
    "facts_rebuild_all",
    "facts_rebuild_changed",
]
