"""Models of quality assurance.

No models yet.
"""
