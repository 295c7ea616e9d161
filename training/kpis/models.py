"""Models of KPIs.

No models yet.
"""
