"""The statistics of quality assurance: the scorecard's evaluation score, the
risk-weighted call sample with its inclusion probabilities and the weighted
(Hájek) QA score, the queue assignment, and the analysts' agreement in
calibration. Pure modules, no Django import (an import-linter contract in
``pyproject.toml`` keeps them so); ``docs/qa-statistics.md`` gives the formulas.
"""
