"""Wagtail / modelsearch search backend on an embedded Whoosh index.

Settings (``WAGTAILSEARCH_BACKENDS`` or ``MODELSEARCH_BACKENDS``)::

    "default": {
        "BACKEND": "deskbook.search.whoosh",
        "PATH": "var/whoosh",     # index folder
        "LANGUAGE": "en",         # snowball stemmer language
        "STEMMING": True,
    }
"""

from .backend import SearchBackend, WhooshSearchBackend

__all__ = ["SearchBackend", "WhooshSearchBackend"]
