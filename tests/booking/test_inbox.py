"""The request inbox: open requests by default, how long each person has waited, and the
requests past the practice's reply promise flagged, counted in working days."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from booking.models import BookingRequest
from booking.waiting import overdue_cutoff, waited
from practice.models import Practice
from tests.parsing import find_all

CHANGELIST = "/admin/booking/bookingrequest/"
Status = BookingRequest.Status
NEW_YORK = ZoneInfo("America/New_York")


def at(day, hour=10, minute=0):
    """A moment in November 2026, in the practice's time zone: the 2nd is a Monday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=NEW_YORK)


def received_at(make_booking_request, moment, **fields):
    booking_request = make_booking_request(**fields)
    BookingRequest.objects.filter(pk=booking_request.pk).update(created_at=moment)
    return booking_request


def listed(client, **query):
    response = client.get(CHANGELIST, query)
    return [row.name for row in response.context["cl"].result_list]


def test_the_inbox_shows_open_requests_and_the_rest_one_click_away(
    intake_client, make_booking_request
):
    for status in Status.values:
        make_booking_request(name=status, status=status)

    assert sorted(listed(intake_client)) == ["consultation_scheduled", "contacted", "new"]
    assert listed(intake_client, status="closed") == ["closed"]
    assert listed(intake_client, status="spam") == ["spam"]
    assert len(listed(intake_client, status="all")) == 5
    filter_links = [link.text for link in find_all(intake_client.get(CHANGELIST).text, "a")]
    assert {"Open", "Overdue", "Closed", "Spam", "All"} <= set(filter_links)


def test_an_unknown_status_in_the_address_is_no_error(intake_client):
    response = intake_client.get(CHANGELIST, {"status": "nonsense"})

    assert response.status_code == 302
    assert "e=1" in response["Location"]


def test_the_columns_say_when_how_long_who_how_what_and_whom(intake_client, make_booking_request):
    make_booking_request(name="Sam Rivera", preferred_contact=BookingRequest.ContactMethod.PHONE)

    html = intake_client.get(CHANGELIST).text

    headers = [
        header.text
        for header in find_all(html, "th")
        if header.is_inside("table", id="result_list") and header.is_inside("thead")
    ]
    assert headers[1:] == [
        *("Received", "Waited", "Name"),
        *("Preferred contact", "Status", "Assigned to"),
    ]
    cells = [cell.text for cell in find_all(html, "td")]
    assert "Phone call" in cells
    assert "New" in cells


@pytest.mark.parametrize(
    ("received", "now", "overdue"),
    [
        # Two working days from Monday 10:00 is Wednesday 10:00.
        (at(2), at(4, 9, 59), False),
        (at(2), at(4, 10, 1), True),
        # From Friday, the weekend does not count: due Tuesday.
        (at(6), at(9, 23), False),
        (at(6), at(10, 10, 1), True),
        # Sent on Saturday: counted from Monday morning, due by Wednesday's start.
        (at(7), at(10, 23), False),
        (at(7), at(11, 0, 1), True),
        # On a Sunday, what came in by Thursday is overdue.
        (at(4, 23), at(8), True),
        (at(5, 1), at(8), False),
    ],
)
def test_a_request_is_overdue_after_the_promised_working_days(
    intake_client, make_booking_request, received, now, overdue
):
    Practice.objects.update_or_create(pk=1, defaults={"reply_within_working_days": 2})
    received_at(make_booking_request, received, name="Sam Rivera")

    with time_machine.travel(now, tick=False):
        html = intake_client.get(CHANGELIST).text
        overdue_listed = listed(intake_client, status="overdue")

    flags = [cell.text for cell in find_all(html, "strong", class_="overdue")]
    assert flags == (["Overdue"] if overdue else [])
    assert overdue_listed == (["Sam Rivera"] if overdue else [])


def test_a_request_already_answered_is_never_overdue(intake_client, make_booking_request):
    received_at(make_booking_request, at(2), status=Status.CONTACTED)

    with time_machine.travel(at(20), tick=False):
        html = intake_client.get(CHANGELIST).text

    assert find_all(html, "strong", class_="overdue") == []
    assert "replied" in [cell.text for cell in find_all(html, "td")]


def test_the_promise_is_the_practices_own(make_booking_request):
    received_at(make_booking_request, at(2))
    Practice.objects.update_or_create(pk=1, defaults={"reply_within_working_days": 1})

    with time_machine.travel(at(3, 10, 1), tick=False):
        assert BookingRequest.objects.overdue().count() == 1
        Practice.objects.filter(pk=1).update(reply_within_working_days=3)
        assert BookingRequest.objects.overdue().count() == 0


@pytest.mark.parametrize(
    ("since", "now", "words"),
    [
        (at(2, 10), at(2, 10, 40), "40 minutes"),
        (at(2, 10), at(2, 11, 1), "1 hour"),
        (at(2, 9), at(2, 17), "8 hours"),
        (at(2, 17), at(3, 9), "1 working day"),
        (at(6, 17), at(9, 9), "1 working day"),
        (at(2, 10), at(9, 10), "5 working days"),
    ],
)
def test_how_long_a_person_has_waited_reads_plainly(since, now, words):
    assert waited(since, now) == words


def test_the_cutoff_is_a_moment_in_the_practices_time_zone():
    cutoff = overdue_cutoff(at(4, 10), 2)

    assert timezone.localtime(cutoff) == at(2, 10)


def test_the_admin_index_counts_new_and_overdue_requests(intake_client, make_booking_request):
    received_at(make_booking_request, at(2))
    received_at(make_booking_request, at(4))
    received_at(make_booking_request, at(2), status=Status.CONTACTED)

    with time_machine.travel(at(5, 12), tick=False):
        [notice] = find_all(intake_client.get("/admin/").text, "p", class_="booking-new-requests")

    assert notice.text == "2 new booking requests, 1 overdue"
