"""The private link a client gets to their own request: no account, just a signed secret.

The link carries the request's `link_key`, a random secret, signed with the time it was
issued. It works for BOOKING_CLIENT_LINK_DAYS, for that request only, and stops working
when the key changes (a new email address) or the request is gone. A forged, expired or
ended link finds nothing, and every such link gets the same page.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import BookingRequest

SALT = "booking.client-link"


def link_to(booking_request):
    """The full address of the request's page, signed now."""
    token = signing.TimestampSigner(salt=SALT).sign(booking_request.link_key)
    return settings.SITE_URL + reverse("booking:your_request", args=[token])


def request_for(token):
    """The request a link names, or None when it names none (any longer)."""
    try:
        key = signing.TimestampSigner(salt=SALT).unsign(
            token, max_age=timedelta(days=settings.BOOKING_CLIENT_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return (
        BookingRequest.objects.select_related("therapist", "looking_for")
        .filter(link_key=key)
        .first()
    )
