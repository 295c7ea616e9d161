"""Admin screens of shift planning, one module per screen."""
