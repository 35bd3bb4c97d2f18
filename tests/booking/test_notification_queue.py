"""A booking request's emails are queued, not sent in the client's request: a stuck mail server
holds up nobody, and the practice hears of each request once, however many senders race."""

import re
import socket
import time
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from booking.models import BookingRequest, Reply, WaitlistEntry
from booking.notifications import send_queued_notification
from practice.models import Therapist
from tests.booking.emails import practice_notifications
from tests.concurrency import at_once, only_on_postgresql

NotificationState = BookingRequest.NotificationState

# The signals the worker takes over to stop gracefully.


def test_the_task_leaves_a_request_already_notified_alone(make_booking_request, mailoutbox):
    notified = make_booking_request(notification_state=NotificationState.SENT)

    send_queued_notification.enqueue(notified.pk)

    assert mailoutbox == []
    notified.refresh_from_db()
    assert notified.notification_attempts == 0


def test_the_task_of_a_deleted_request_does_nothing(make_booking_request, mailoutbox):
    deleted = make_booking_request()
    pk = deleted.pk
    deleted.delete()

    send_queued_notification.enqueue(pk)

    assert mailoutbox == []


def test_the_task_leaves_a_request_marked_spam_meanwhile_alone(make_booking_request, mailoutbox):
    spam = make_booking_request(status=BookingRequest.Status.SPAM)

    send_queued_notification.enqueue(spam.pk)

    assert mailoutbox == []


@pytest.fixture
def hanging_mail_server():
    """A mail server that takes connections and never says a word: the kernel completes
    each handshake into the listening socket's backlog, and nothing ever answers."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as server:
        yield server.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_a_stuck_mail_server_does_not_hold_the_thanks_page(
    client, booking_data, settings, hanging_mail_server, mailoutbox, run_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "127.0.0.1",
                "port": hanging_mail_server,
                "use_tls": False,
                "timeout": 10,  # the site's EMAIL_TIMEOUT
            },
        }
    }

    started = time.monotonic()
    response = client.post("/book/", booking_data())
    took = time.monotonic() - started

    assert response.status_code == 302
    assert response.url == "/book/thanks/"
    assert took < 1
    booking_request = BookingRequest.objects.get()
    assert booking_request.notification_state == NotificationState.PENDING
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("booking.notifications.send_queued_notification", "READY")
    ]

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    run_worker()
    run_worker()

    booking_request.refresh_from_db()
    assert booking_request.notification_state == NotificationState.SENT
    assert [message.to for message in practice_notifications(mailoutbox)] == [
        ["morgan@example.com"]
    ]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.fixture
def slow_mail(monkeypatch, mailoutbox):
    """Every email takes half a second to send, so that senders running at once overlap."""
    send_messages = EmailBackend.send_messages

    def slowly(backend, messages):
        time.sleep(0.5)
        return send_messages(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slowly)
    return mailoutbox


def cron():
    """Run cron's sender; return the numbers it reports sent: notifications, replies and
    waitlist emails."""
    output = StringIO()
    call_command("send_booking_notifications", stdout=output)
    return [int(number) for number in re.findall(r"[0-9]+", output.getvalue())]


def notified_pks(mailoutbox):
    """The request each practice notification is about, read from its admin link."""
    return sorted(
        int(message.body.split("/admin/booking/bookingrequest/")[1].split("/")[0])
        for message in practice_notifications(mailoutbox)
    )


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_cron_runs_at_once_send_each_email_once(
    make_booking_request, make_waitlist_entry, slow_mail
):
    """Cron runs on every server: each notification, reply and waitlist email goes once,
    and what the two runs report adds up to what went."""
    with time_machine.travel(timedelta(minutes=-10)):
        waiting = [make_booking_request() for _ in range(4)]
        for booking_request in waiting[:2]:
            Reply.objects.create(
                booking_request=booking_request, to="sam@example.com", subject="Hi", body="Hi"
            )
    addresses = [make_waitlist_entry(f"person{number}@example.com").email for number in range(3)]
    Therapist.objects.update(accepting_new_clients=True)

    reported = at_once(cron, cron)

    assert notified_pks(slow_mail) == [booking_request.pk for booking_request in waiting]
    assert set(
        BookingRequest.objects.values_list("notification_state", "notification_attempts")
    ) == {(NotificationState.SENT, 1)}
    assert [message.subject for message in slow_mail].count("Hi") == 2
    assert set(Reply.objects.values_list("state", "attempts")) == {(Reply.State.SENT, 1)}
    told = [message.to for message in slow_mail if "taking new clients" in message.subject]
    assert sorted(told) == [[address] for address in addresses]
    assert not WaitlistEntry.objects.exists()
    assert [sum(counts) for counts in zip(*reported, strict=True)] == [4, 2, 3]


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_task_and_cron_at_once_send_a_request_once(make_booking_request, slow_mail):
    with time_machine.travel(timedelta(minutes=-10)):
        booking_request = make_booking_request()

    at_once(lambda: send_queued_notification.enqueue(booking_request.pk), cron)

    assert notified_pks(slow_mail) == [booking_request.pk]
    booking_request.refresh_from_db()
    assert booking_request.notification_attempts == 1
