"""Spam signals for the booking form, with no third-party service.

The form carries a signed token holding a one-time id and the time it was served: a
person takes more than a few seconds to fill the form in, while scripts post at once. A
form sent without its token, or a day after it was served, is not taken for spam: a person
may well have left it open overnight, so the form asks them to send it again (forms.py).
"""

import time
import uuid
from dataclasses import dataclass

from django.core import signing

from .models import BookingRequest

MIN_FILL_SECONDS = 3
MAX_AGE_SECONDS = 24 * 60 * 60
SIGNING_SALT = "booking.form-token"


@dataclass(frozen=True)
class FormToken:
    id: uuid.UUID
    issued_at: float

    @classmethod
    def issue(cls):
        return cls(uuid.uuid4(), time.time())

    @classmethod
    def renewed(cls):
        """A token for a form the person has filled in already: it may be sent at once."""
        return cls(uuid.uuid4(), time.time() - MIN_FILL_SECONDS)

    @classmethod
    def read(cls, signed):
        """The token the form was served with, or None if missing or tampered with."""
        try:
            data = signing.loads(signed, salt=SIGNING_SALT)
            return cls(uuid.UUID(data["id"]), float(data["issued_at"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    def sign(self):
        return signing.dumps({"id": self.id.hex, "issued_at": self.issued_at}, salt=SIGNING_SALT)

    def is_current(self):
        """Served within the last day: older forms are sent again before they count."""
        return time.time() - self.issued_at <= MAX_AGE_SECONDS


def spam_reason(*, honeypot, token):
    """Why a submission looks automated, or "" when it looks like a person's."""
    if honeypot:
        return BookingRequest.SpamReason.HONEYPOT
    if token and time.time() - token.issued_at < MIN_FILL_SECONDS:
        return BookingRequest.SpamReason.TOO_FAST
    return ""
