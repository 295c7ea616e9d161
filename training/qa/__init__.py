"""Call logs, scorecards, sampling, evaluations, disputes and calibration."""
