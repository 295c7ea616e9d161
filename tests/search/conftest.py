import pytest


@pytest.fixture
def backend(site_tree):
    """The default search backend with a freshly built index of the page tree."""
    # Imported here: this folder also hosts the contract run, whose settings
    # have no Wagtail.
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.rebuild()
    return backend
