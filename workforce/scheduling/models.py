"""Models of shift planning.

No models yet.
"""
