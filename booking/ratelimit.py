"""Per-client limits on booking requests, counted in the database.

Counting stored requests needs no extra server and holds across worker processes and
servers. The client's address is kept only as a hash keyed with a secret that changes
every hour and is deleted after the next (models.AddressKey): the limit looks back one
hour, and after that nobody, the site included, can tell which address a hash came from.
"""

import ipaddress
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from practice.client_address import client_address

from .models import AddressKey, BookingRequest

HASH_SALT = "booking.client-address"
WINDOW = timedelta(hours=1)


def counted_address(request):
    """The client's address as the limit counts it; IPv6 clients count by their /64.

    One home or phone usually holds a whole /64 and may change address within it at
    will; an IPv4 address seen through IPv6 counts as itself.
    """
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(parsed.ipv4_mapped or ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def live_keys():
    """This hour's key, made if need be, then the last hour's if there was one."""
    this_hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    keys = list(AddressKey.objects.filter(hour__gte=this_hour - WINDOW).order_by("-hour"))
    if not keys or keys[0].hour != this_hour:
        delete_expired_keys()
        current, _ = AddressKey.objects.get_or_create(
            hour=this_hour, defaults={"secret": secrets.token_hex(32)}
        )
        keys.insert(0, current)
    return keys


def delete_expired_keys():
    """Forget the keys no hash still needs, and with them any way back to an address."""
    this_hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    return AddressKey.objects.filter(hour__lt=this_hour - WINDOW).delete()[0]


def client_hashes(request):
    """The client's address hashed with each live key, this hour's first (the one stored)."""
    address = counted_address(request)
    return [
        salted_hmac(HASH_SALT, address, secret=key.secret, algorithm="sha256").hexdigest()
        for key in live_keys()
    ]


def lock_client(client_hash):
    """Take this client's turn until the transaction ends, so that counting and storing
    cannot interleave with another of its requests.

    On PostgreSQL an advisory lock per client; on SQLite the transaction itself holds the
    database's single write lock (settings: IMMEDIATE transactions).
    """
    if connection.vendor == "postgresql":
        key = int.from_bytes(bytes.fromhex(client_hash[:16]), "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def over_limit(hashes):
    """Whether the client sent as many requests as the limit allows within the hour."""
    limit = settings.BOOKING_RATE_LIMIT
    return (
        bool(limit) and BookingRequest.objects.recent_from_client(hashes, WINDOW).count() >= limit
    )
