"""The practice hears of each request after it is stored; a mail failure loses nothing."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command

from booking.models import NOTIFICATION_GRACE, BookingRequest
from practice.models import Practice

NOTE = "Please avoid Tuesdays: I have physiotherapy."

NotificationState = BookingRequest.NotificationState


def test_the_practice_is_told_a_request_waits_and_where_without_a_name(
    submit, mailoutbox, settings
):
    settings.SITE_URL = "https://therapy.example"

    booking_request = submit(name="Sam Rivera", preferred_contact="phone", phone="555 123 4567")

    notification = mailoutbox[0]
    assert notification.to == ["morgan@example.com"]
    assert notification.subject == "A new request is waiting"
    admin_url = f"https://therapy.example/admin/booking/bookingrequest/{booking_request.pk}/change/"
    assert admin_url in notification.body
    for detail in ["Sam", "Rivera", "Phone", "555", "sam@"]:
        assert detail not in notification.subject + notification.body
    assert booking_request.notification_state == NotificationState.SENT


def test_a_practice_whose_mail_provider_signed_a_baa_may_have_the_name(
    submit, mailoutbox, settings
):
    settings.BOOKING_NOTIFICATION_NAMES_CLIENT = True

    submit(name="Sam Rivera", preferred_contact="phone", phone="555 123 4567")

    notification = mailoutbox[0]
    assert "from Sam Rivera, who prefers phone call" in notification.body
    assert notification.subject == "A new request is waiting"


def test_the_notification_holds_no_note_and_no_looking_for_answer(submit, mailoutbox, looking_for):
    submit(note=NOTE)

    notification = mailoutbox[0]
    assert NOTE not in notification.body
    assert looking_for.label not in notification.body


def test_extra_addresses_from_settings_are_told_too(submit, mailoutbox, settings):
    settings.BOOKING_NOTIFICATION_EMAILS = ["intake@example.com", "morgan@example.com"]

    submit()

    assert mailoutbox[0].to == ["morgan@example.com", "intake@example.com"]


def test_the_client_gets_an_acknowledgement_with_the_crisis_line(submit, mailoutbox, settings):
    Practice.objects.update(reply_within_working_days=1)

    submit(name="Zephyrine Quill", email="zq@example.org", note=NOTE)

    acknowledgement = mailoutbox[1]
    assert acknowledgement.to == ["zq@example.org"]
    assert "we will reply within one working day" in acknowledgement.body
    assert "call or text 988 (the Suicide and Crisis Lifeline) in the US" in acknowledgement.body
    assert "If you are in danger, call 911." in acknowledgement.body
    assert "Zephyrine" not in acknowledgement.body + acknowledgement.subject
    assert NOTE not in acknowledgement.body


def test_the_acknowledgement_can_be_switched_off(submit, mailoutbox, settings):
    settings.BOOKING_SEND_ACKNOWLEDGEMENT = False

    submit()

    assert [message.to for message in mailoutbox] == [["morgan@example.com"]]


def test_nothing_is_sent_before_the_request_is_committed(
    client, booking_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/book/", booking_data())

    assert mailoutbox == []
    assert len(callbacks) == 1


def test_when_mail_fails_the_client_is_thanked_and_the_request_kept(
    submit, mail_server_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="booking.notifications"):
        booking_request = submit(name="Zephyrine Quill", email="zq@example.org")

    assert booking_request.notification_state == NotificationState.FAILED
    assert booking_request.notification_attempts == 1
    assert booking_request.notification_last_error == (
        "ConnectionRefusedError: [Errno 111] Connection refused"
    )
    assert [record.getMessage() for record in caplog.records] == [
        f"Booking request {booking_request.pk}: the notification email failed "
        "(ConnectionRefusedError)"
    ]


def test_the_resend_command_delivers_what_failed(submit, mail_server_down, mailoutbox):
    booking_request = submit()
    mail_server_down.undo()

    call_command("send_booking_notifications", stdout=StringIO())

    booking_request.refresh_from_db()
    assert booking_request.notification_state == NotificationState.SENT
    assert booking_request.notification_attempts == 2
    assert [message.to for message in mailoutbox] == [["morgan@example.com"], ["sam@example.com"]]


def test_the_resend_command_sends_each_notification_once(submit, mailoutbox):
    submit()
    mailoutbox.clear()
    output = StringIO()

    call_command("send_booking_notifications", stdout=output)

    assert mailoutbox == []
    assert output.getvalue() == (
        "Sent 0 booking notification(s), 0 reply(ies) and 0 waitlist email(s).\n"
    )


def test_the_resend_command_sends_requests_left_pending(make_booking_request, mailoutbox):
    pending = make_booking_request()

    with time_machine.travel(NOTIFICATION_GRACE + timedelta(seconds=1)):
        call_command("send_booking_notifications", stdout=StringIO())

    pending.refresh_from_db()
    assert pending.notification_state == NotificationState.SENT
    assert mailoutbox[0].subject == "A new request is waiting"


def test_the_resend_command_leaves_a_just_arrived_request_to_its_own_send(
    make_booking_request, mailoutbox
):
    pending = make_booking_request()

    with time_machine.travel(NOTIFICATION_GRACE - timedelta(seconds=1)):
        call_command("send_booking_notifications", stdout=StringIO())

    pending.refresh_from_db()
    assert pending.notification_state == NotificationState.PENDING
    assert mailoutbox == []


def test_the_resend_command_leaves_spam_alone(make_booking_request, mailoutbox):
    make_booking_request(status=BookingRequest.Status.SPAM, spam_reason="honeypot")

    call_command("send_booking_notifications", stdout=StringIO())

    assert mailoutbox == []


def test_the_resend_command_fails_loudly_while_mail_still_fails(submit, mail_server_down):
    booking_request = submit()

    with pytest.raises(CommandError, match="1 email"):
        call_command("send_booking_notifications", stdout=StringIO())

    booking_request.refresh_from_db()
    assert booking_request.notification_state == NotificationState.FAILED
    assert booking_request.notification_attempts == 2


def test_an_unexpected_error_while_notifying_still_thanks_the_client(
    client, booking_data, monkeypatch, django_capture_on_commit_callbacks
):
    def misconfigured(*args, **kwargs):
        raise ValueError("a setting holds an address that is not one")

    monkeypatch.setattr(EmailBackend, "send_messages", misconfigured)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking_data())

    assert response.status_code == 302
    booking_request = BookingRequest.objects.get()
    assert booking_request.notification_state == NotificationState.FAILED
    assert booking_request.notification_last_error.startswith("ValueError")


def test_with_email_off_a_request_waits_unsent_and_unlogged(
    submit, mailoutbox, settings, capsys, caplog
):
    settings.EMAIL_ENABLED = False

    booking_request = submit(name="Zephyrine Quill", note=NOTE)

    assert mailoutbox == []
    assert booking_request.notification_state == NotificationState.PENDING
    assert booking_request.notification_attempts == 0
    printed = capsys.readouterr()
    assert "Zephyrine" not in printed.out + printed.err + caplog.text


def test_with_email_off_cron_sends_nothing_and_says_why(make_booking_request, mailoutbox, settings):
    settings.EMAIL_ENABLED = False
    with time_machine.travel(timedelta(minutes=-10)):
        make_booking_request()
    output = StringIO()

    call_command("send_booking_notifications", stdout=output)

    assert mailoutbox == []
    assert output.getvalue() == "Email is off (EMAIL_ENABLED=0): 1 request(s) wait.\n"
    assert BookingRequest.objects.get().notification_state == NotificationState.PENDING


def test_once_email_is_on_cron_sends_what_waited(make_booking_request, mailoutbox, settings):
    settings.EMAIL_ENABLED = False
    with time_machine.travel(timedelta(minutes=-10)):
        make_booking_request()
    settings.EMAIL_ENABLED = True

    call_command("send_booking_notifications", stdout=StringIO())

    assert len(mailoutbox) == 2
    assert BookingRequest.objects.get().notification_state == NotificationState.SENT
