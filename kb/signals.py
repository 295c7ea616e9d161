"""Signals the knowledge base sends; apps above it connect to them.

``sop_revised(sender=SOPVersion, page, version, previous)``
    A revision of an SOP that asks for acknowledgement was published:
    ``version`` is the new ``SOPVersion``, ``previous`` the one before it (or
    None for the first). Courses flag the courses teaching the SOP for
    review. Sent inside the publishing transaction.
"""

from django.dispatch import Signal

sop_revised = Signal()
