"""KPI definitions, targets, daily facts, scorecards and training effectiveness."""
