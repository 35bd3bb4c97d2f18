"""At most BOOKING_RATE_LIMIT requests an hour from one client address, counted in the
database from hashes whose keys are soon deleted."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from booking.models import AddressKey, BookingRequest
from booking.ratelimit import client_hashes

pytestmark = pytest.mark.usefixtures("therapist")


def send(client, booking_data, address="203.0.113.7", **headers):
    return client.post("/book/", booking_data(), REMOTE_ADDR=address, **headers)


def test_over_the_limit_a_polite_page_says_so_and_nothing_is_stored(client, booking_data):
    responses = [send(client, booking_data) for _ in range(6)]

    assert [response.status_code for response in responses] == [302] * 5 + [429]
    assert "This request was not sent." in responses[-1].text
    assert BookingRequest.objects.count() == 5


def test_the_limit_comes_from_settings(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 2

    statuses = [send(client, booking_data).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]


def test_zero_turns_the_limit_off(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 0

    statuses = {send(client, booking_data).status_code for _ in range(8)}

    assert statuses == {302}
    assert BookingRequest.objects.count() == 8


def test_spam_counts_towards_the_limit(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    client.post("/book/", booking_data(website="x"), REMOTE_ADDR="203.0.113.7")

    assert send(client, booking_data).status_code == 429


def test_other_addresses_are_not_held_back(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    send(client, booking_data, "203.0.113.7")

    assert send(client, booking_data, "203.0.113.8").status_code == 302


def test_the_limit_lifts_after_an_hour(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        send(client, booking_data)
        traveller.shift(timedelta(minutes=59))
        held_back = send(client, booking_data).status_code
        traveller.shift(timedelta(minutes=2))
        let_through = send(client, booking_data).status_code

    assert (held_back, let_through) == (429, 302)


def test_one_ipv6_network_counts_as_one_client(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    send(client, booking_data, "2001:db8:1:2::10")

    assert send(client, booking_data, "2001:db8:1:2:ffff::99").status_code == 429
    assert send(client, booking_data, "2001:db8:1:3::10").status_code == 302


def test_a_proxy_header_is_ignored_unless_the_site_trusts_it(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    send(client, booking_data, HTTP_X_FORWARDED_FOR="198.51.100.1")

    # Anyone can send the header, so changing it must not dodge the limit.
    assert send(client, booking_data, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_recorded_counts(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    # Every request arrives from the proxy; the proxy appends the client's address.
    send(client, booking_data, "10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1")

    same_client = send(client, booking_data, "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    other_client = send(client, booking_data, "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert (same_client.status_code, other_client.status_code) == (429, 302)


def test_the_client_address_is_never_stored(client, booking_data):
    send(client, booking_data, "203.0.113.7")

    stored = BookingRequest.objects.values().get()
    assert not [value for value in stored.values() if "203.0.113" in str(value)]
    assert len(stored["client_hash"]) == 64


def test_the_limit_holds_across_the_hour_when_the_key_changes(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    with time_machine.travel(datetime(2026, 11, 28, 9, 59, 30, tzinfo=UTC), tick=False):
        send(client, booking_data)
    with time_machine.travel(datetime(2026, 11, 28, 10, 0, 30, tzinfo=UTC), tick=False):
        assert send(client, booking_data).status_code == 429


def test_a_stored_hash_cannot_be_traced_back_once_its_key_is_gone(client, booking_data):
    """Within two hours the key that made a hash is deleted: nobody, the site included,
    can then tell which address it came from, by trying addresses or otherwise."""
    request_of = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(datetime(2026, 11, 28, 10, 5, tzinfo=UTC), tick=False):
        send(client, booking_data)
        stored = BookingRequest.objects.get().client_hash
        assert client_hashes(request_of)[0] == stored
    with time_machine.travel(datetime(2026, 11, 28, 11, 5, tzinfo=UTC), tick=False):
        assert stored in client_hashes(request_of)  # still counted within the hour
    with time_machine.travel(datetime(2026, 11, 28, 12, 5, tzinfo=UTC), tick=False):
        assert stored not in client_hashes(request_of)
        assert not AddressKey.objects.filter(hour=datetime(2026, 11, 28, 10, tzinfo=UTC)).exists()


def test_the_daily_purge_deletes_old_keys_even_when_no_request_came(client, booking_data):
    with time_machine.travel(datetime(2026, 11, 28, 10, 5, tzinfo=UTC), tick=False):
        send(client, booking_data)
    assert AddressKey.objects.count() == 1

    with time_machine.travel(datetime(2026, 11, 29, 3, 30, tzinfo=UTC), tick=False):
        call_command("purge_booking_requests", stdout=StringIO())

    assert not AddressKey.objects.exists()


def test_the_keys_are_random_and_not_the_secret_key(client, booking_data, settings):
    send(client, booking_data)

    [key] = AddressKey.objects.all()
    assert len(key.secret) == 64
    assert key.secret not in settings.SECRET_KEY
