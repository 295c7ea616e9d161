"""Admin screens of shift planning, one module per screen, in the *Workforce*
menu."""
