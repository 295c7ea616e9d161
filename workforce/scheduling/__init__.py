"""Shift types, patterns, published shifts, swaps and calendar feeds."""
