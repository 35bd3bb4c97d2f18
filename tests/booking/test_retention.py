"""`manage.py purge_booking_requests` keeps requests only as long as the privacy notice says."""

import time
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from booking.management.commands import purge_booking_requests
from booking.models import BookingRequest, StaffNote, WaitlistEntry
from booking.ratelimit import delete_expired_keys
from tests.concurrency import at_once, only_on_postgresql

Status = BookingRequest.Status


@pytest.fixture
def aged(make_booking_request):
    """A request whose status last changed that many days ago."""

    def make(days, status, **fields):
        booking_request = make_booking_request(name=f"{status} {days}", status=status, **fields)
        BookingRequest.objects.filter(pk=booking_request.pk).update(
            status_changed_at=timezone.now() - timedelta(days=days)
        )
        return booking_request

    return make


def purge(*args):
    output = StringIO()
    call_command("purge_booking_requests", *args, stdout=output)
    return output.getvalue()


def remaining():
    return sorted(BookingRequest.objects.values_list("name", flat=True))


def test_spam_goes_after_30_days_and_closed_requests_after_365(aged):
    aged(31, Status.SPAM, spam_reason="honeypot")
    aged(29, Status.SPAM, spam_reason="honeypot")
    aged(366, Status.CLOSED, closed_reason="became_client")
    aged(364, Status.CLOSED, closed_reason="became_client")

    output = purge()

    assert output == (
        "Deleted 1 spam and 1 closed booking request(s), and 0 waitlist address(es).\n"
    )
    assert remaining() == ["closed 364", "spam 29"]


def test_open_requests_are_kept_however_old(aged):
    for status in [Status.NEW, Status.CONTACTED, Status.CONSULTATION_SCHEDULED]:
        aged(1000, status)

    purge()

    assert len(remaining()) == 3


def test_the_periods_come_from_settings(aged, settings):
    settings.BOOKING_SPAM_RETENTION_DAYS = 7
    settings.BOOKING_RETENTION_DAYS = 90
    aged(8, Status.SPAM, spam_reason="honeypot")
    aged(91, Status.CLOSED, closed_reason="withdrawn")
    aged(89, Status.CLOSED, closed_reason="withdrawn")

    purge()

    assert remaining() == ["closed 89"]


def test_a_dry_run_counts_and_deletes_nothing(aged):
    aged(31, Status.SPAM, spam_reason="honeypot")
    aged(400, Status.CLOSED, closed_reason="no_response")

    output = purge("--dry-run")

    assert output == (
        "Would delete 1 spam and 1 closed booking request(s), and 0 waitlist address(es).\n"
    )
    assert len(remaining()) == 2


def test_a_purged_requests_notes_go_with_it(aged):
    closed = aged(400, Status.CLOSED, closed_reason="no_response")
    StaffNote.objects.create(booking_request=closed, text="Called twice.")

    purge()

    assert not StaffNote.objects.exists()


def test_a_waitlist_address_goes_after_365_days_at_most(make_waitlist_entry):
    with time_machine.travel(timezone.now() - timedelta(days=366)):
        make_waitlist_entry("old@example.com")
    with time_machine.travel(timezone.now() - timedelta(days=364)):
        make_waitlist_entry("recent@example.com")

    assert purge("--dry-run").endswith("and 1 waitlist address(es).\n")
    output = purge()

    assert output.endswith("and 1 waitlist address(es).\n")
    assert list(WaitlistEntry.objects.values_list("email", flat=True)) == ["recent@example.com"]


def test_the_waitlists_period_comes_from_settings(make_waitlist_entry, settings):
    settings.BOOKING_WAITLIST_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        make_waitlist_entry()

    purge()

    assert not WaitlistEntry.objects.exists()


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_servers_purging_at_once_delete_and_count_each_request_once(aged, monkeypatch):
    """Cron purges on every server: one server deletes and reports it, the other says it
    skipped, so no deletion is counted twice."""
    for days in [31, 40]:
        aged(days, Status.SPAM, spam_reason="honeypot")
    for days in [366, 400]:
        aged(days, Status.CLOSED, closed_reason="withdrawn")

    def slowly():
        time.sleep(1)  # the first runner still holds the job when the second starts
        return delete_expired_keys()

    monkeypatch.setattr(purge_booking_requests, "delete_expired_keys", slowly)

    outputs = at_once(purge, purge)

    assert sorted(outputs) == [
        "Deleted 2 spam and 2 closed booking request(s), and 0 waitlist address(es).\n",
        "Skipped purge_booking_requests: another server is running it.\n",
    ]
    assert remaining() == []
