"""The KPI admin: definitions, the collector's scorecard, the leaderboard."""
