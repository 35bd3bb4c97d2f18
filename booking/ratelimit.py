"""Per-client limits on booking requests, counted in the database.

Counting stored requests needs no extra server and holds across worker processes. The
client's address is only ever kept as a keyed hash (SECRET_KEY), which cannot be turned
back into the address.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac

from .models import BookingRequest

HASH_SALT = "booking.client-address"


def client_address(request):
    """REMOTE_ADDR, or the address the trusted proxy recorded last in its header."""
    if settings.TRUSTED_PROXY_HEADER:
        meta_key = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
        forwarded = [part.strip() for part in request.META.get(meta_key, "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request):
    """A keyed hash of the client's address; IPv6 clients count by their /64 network.

    One home or phone usually holds a whole /64 and may change address within it at
    will; an IPv4 address seen through IPv6 counts as itself.
    """
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        pass
    else:
        if parsed.version == 6:
            address = str(parsed.ipv4_mapped or ipaddress.ip_network(f"{parsed}/64", strict=False))
    return salted_hmac(HASH_SALT, address, algorithm="sha256").hexdigest()


def over_limit(client):
    limit = settings.BOOKING_RATE_LIMIT
    return bool(limit) and BookingRequest.objects.recent_from_client(client).count() >= limit
