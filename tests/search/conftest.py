import pytest
from django.conf import settings

# modelsearch's backend contract needs its test app, which cannot be installed
# beside Wagtail's search app: bin/test runs it in a second pytest run under
# its own settings, and the main run leaves it out.
if settings.SETTINGS_MODULE != "tests.search.contract_settings":
    collect_ignore = ["test_contract.py"]


@pytest.fixture
def backend(site_tree):
    """The default search backend with a freshly built index of the page tree."""
    # Imported here: this folder also hosts the contract run, whose settings
    # have no Wagtail.
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.rebuild()
    return backend
