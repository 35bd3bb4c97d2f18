"""Spam signals for the booking form, with no third-party service.

The form carries a signed token holding a one-time id and the time it was served: a
person takes more than a few seconds to fill the form in and rarely leaves it open for a
day, while scripts post at once, replay old forms or forge the field.
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
    def read(cls, signed):
        """The token the form was served with, or None if missing or tampered with."""
        try:
            data = signing.loads(signed, salt=SIGNING_SALT)
            return cls(uuid.UUID(data["id"]), float(data["issued_at"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    def sign(self):
        return signing.dumps({"id": self.id.hex, "issued_at": self.issued_at}, salt=SIGNING_SALT)


def spam_reason(*, honeypot, token):
    """Why a submission looks automated, or "" when it looks like a person's."""
    if honeypot:
        return BookingRequest.SpamReason.HONEYPOT
    if token is None:
        return BookingRequest.SpamReason.STALE_TOKEN
    age = time.time() - token.issued_at
    if age < MIN_FILL_SECONDS:
        return BookingRequest.SpamReason.TOO_FAST
    if age > MAX_AGE_SECONDS:
        return BookingRequest.SpamReason.STALE_TOKEN
    return ""
