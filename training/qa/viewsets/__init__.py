"""The admin pages of QA, one module a screen; every page refuses with a 403."""
