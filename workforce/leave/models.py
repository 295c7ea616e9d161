"""Models of leave.

No models yet.
"""
