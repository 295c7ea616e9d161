"""Clock events, derived attendance, adherence and the intraday board."""
