"""Models of courses.

No models yet.
"""
