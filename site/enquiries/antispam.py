"""Cheap signs that a form was filled in by a program rather than a person.

The form carries a signed note of when it was shown; a person needs more than a
few seconds to write an enquiry, a script does not. The signature stops a
script from back-dating the note.
"""

import time

from django.core import signing

SALT = "deskbook.enquiries.form-token"
MIN_SECONDS_TO_FILL = 3


def form_token(*, issued_at: float | None = None) -> str:
    """A signed note of when the form was shown (now, unless ``issued_at``)."""
    moment = time.time() if issued_at is None else issued_at
    return signing.dumps(round(moment, 3), salt=SALT)


def seconds_since_issued(token: str, *, now: float | None = None) -> float | None:
    """Seconds since the form was shown; None if the token is missing or forged."""
    if not token:
        return None
    try:
        issued_at = float(signing.loads(token, salt=SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (time.time() if now is None else now) - issued_at


def sent_too_fast(token: str, *, now: float | None = None) -> bool:
    elapsed = seconds_since_issued(token, now=now)
    return elapsed is not None and elapsed < MIN_SECONDS_TO_FILL
