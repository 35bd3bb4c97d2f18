"""A request staff take out of spam reaches the practice once, by the list's action or by the
request's own page alike."""

import pytest

from booking.models import BookingRequest
from tests.booking.emails import practice_notifications

CHANGELIST = "/admin/booking/bookingrequest/"
Status = BookingRequest.Status
NotificationState = BookingRequest.NotificationState


def by_action(client, booking_request):
    client.post(
        f"{CHANGELIST}?status=spam",
        {"action": "mark_not_spam", "_selected_action": [booking_request.pk]},
    )


def by_change_form(client, booking_request):
    client.post(
        f"{CHANGELIST}{booking_request.pk}/change/",
        {
            "status": Status.NEW,
            "closed_reason": "",
            "assigned_to": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.parametrize("take_out_of_spam", [by_action, by_change_form])
def test_a_request_taken_out_of_spam_is_announced_once(
    intake_client,
    make_booking_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
    take_out_of_spam,
):
    spam = make_booking_request(status=Status.SPAM, spam_reason="too_fast")

    with django_capture_on_commit_callbacks(execute=True):
        take_out_of_spam(intake_client, spam)

    spam.refresh_from_db()
    assert (spam.status, spam.spam_reason) == (Status.NEW, "")
    assert spam.notification_state == NotificationState.SENT
    assert len(practice_notifications(mailoutbox)) == 1


@pytest.mark.parametrize("take_out_of_spam", [by_action, by_change_form])
def test_a_request_already_announced_is_not_announced_again(
    intake_client,
    make_booking_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
    take_out_of_spam,
):
    announced = make_booking_request(
        status=Status.SPAM, spam_reason="marked_by_staff", notification_state=NotificationState.SENT
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        take_out_of_spam(intake_client, announced)

    announced.refresh_from_db()
    assert announced.status == Status.NEW
    assert callbacks == []  # nothing queued
    assert mailoutbox == []


def test_changing_a_real_requests_status_sends_nothing(
    intake_client, make_booking_request, mailoutbox, django_capture_on_commit_callbacks
):
    pending = make_booking_request(status=Status.CONTACTED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        by_change_form(intake_client, pending)

    pending.refresh_from_db()
    assert pending.status == Status.NEW
    assert callbacks == []
    assert mailoutbox == []
