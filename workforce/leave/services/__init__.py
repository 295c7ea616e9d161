"""Writes of leave, one module a concern, re-exported here."""

from .holidays import public_holidays_fill

__all__ = ["public_holidays_fill"]
