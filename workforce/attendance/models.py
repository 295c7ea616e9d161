"""Models of attendance.

No models yet.
"""
