"""Suspected spam is stored and labelled, never dropped, and its sender sees the usual thanks."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from booking.models import BookingRequest
from booking.spam import FormToken

from .conftest import signed_token

SpamReason = BookingRequest.SpamReason

# Each case: the fields changed from a person's submission (made when the test runs, so
# that token ages are exact), and the reason the request must be stored with.
SUSPECT = {
    "honeypot filled in": (lambda: {"website": "https://pills.example"}, SpamReason.HONEYPOT),
    "sent within a second": (lambda: {"form_token": signed_token(1)}, SpamReason.TOO_FAST),
    "honeypot filled in, token missing": (
        lambda: {"website": "https://pills.example", "form_token": None},
        SpamReason.HONEYPOT,
    ),
}
# Tokens a person's browser may well send: the form is shown again, never filed as spam.
NOT_CURRENT = {
    "form served two days ago": lambda: signed_token(2 * 24 * 3600),
    "form served 24 hours and a minute ago": lambda: signed_token(24 * 3600 + 60),
    "token that no longer verifies": lambda: "eyJpZCI6ICJ4In0:forged",
    "token missing": lambda: None,
}


@pytest.mark.parametrize(("changes", "reason"), SUSPECT.values(), ids=SUSPECT.keys())
def test_suspected_spam_is_stored_as_spam_with_its_reason(client, booking_data, changes, reason):
    response = client.post("/book/", booking_data(**changes()))

    assert response.status_code == 302
    assert response.url == "/book/thanks/"
    booking_request = BookingRequest.objects.get()
    assert (booking_request.status, booking_request.spam_reason) == ("spam", reason)


def test_suspected_spam_sends_no_email(
    client, booking_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/book/", booking_data(website="https://cheap-pills.example"))

    assert mailoutbox == []
    assert BookingRequest.objects.get().status == BookingRequest.Status.SPAM


@pytest.mark.parametrize("token", NOT_CURRENT.values(), ids=NOT_CURRENT.keys())
def test_a_form_left_open_too_long_is_shown_again_with_everything_typed(
    client, booking_data, mailoutbox, django_capture_on_commit_callbacks, token
):
    data = booking_data(form_token=token(), name="Sam Rivera", note="Mornings are hard.")

    response = client.post("/book/", data)

    assert response.status_code == 200
    assert not BookingRequest.objects.exists()
    form = response.context["form"]
    assert form["name"].value() == "Sam Rivera"
    assert form["note"].value() == "Mornings are hard."
    html = response.text
    assert "Please send your request again" in html
    assert "Everything you typed is still here" in html
    # The page carries a fresh token, which the person may send at once: it is theirs.
    fresh = form["form_token"].value()
    assert fresh != data.get("form_token")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", {**data, "form_token": fresh})
    assert response.status_code == 302
    booking_request = BookingRequest.objects.get()
    assert (booking_request.status, booking_request.spam_reason) == ("new", "")
    assert len(mailoutbox) == 2  # the practice is told, the client acknowledged


def test_a_person_taking_their_time_is_not_spam(client, booking_data):
    client.post("/book/", booking_data(form_token=signed_token(seconds_ago=23 * 3600)))

    booking_request = BookingRequest.objects.get()
    assert (booking_request.status, booking_request.spam_reason) == ("new", "")


@pytest.mark.parametrize(("seconds", "status"), [(2.5, "spam"), (3.5, "new")])
def test_three_seconds_is_the_fastest_a_person_fills_the_form(
    client, booking_data, seconds, status
):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        token = FormToken.issue().sign()
        traveller.shift(timedelta(seconds=seconds))
        client.post("/book/", booking_data(form_token=token))

    assert BookingRequest.objects.get().status == status
