"""Signals the people app sends; later capabilities connect to them.

``staff_resigned(sender=Staff, staff, resignation)``
    A resignation was recorded: scheduling ends the person's shifts after the
    last working day, training cancels their later enrolments. Sent inside the
    recording transaction, so a receiver's writes stand or fall with it.
``resignation_withdrawn(sender=Staff, staff, resignation)``
    A resignation was withdrawn before the last working day.
"""

from django.dispatch import Signal

staff_resigned = Signal()
resignation_withdrawn = Signal()
