"""Keeping a published page's index entry whole.

A page's tags and other inline rows (a lesson's departments) are saved after
the page row, and the index is updated when the page row is saved: it would
keep the rows the page had before. Once publishing has saved everything, the
page is indexed again, so its text and its facet values (counted from the
index) are the published ones.
"""

from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs):
    insert_or_update_object(instance)


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="search-reindex")
