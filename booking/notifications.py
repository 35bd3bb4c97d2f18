"""The emails a booking request sends: the practice's notification and the client's receipt.

They are sent by a task, outside the client's request (settings.TASKS), and cron sends
whatever that missed. Neither carries what the client wrote about themselves: that stays
in the database, behind the admin sign-in.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from practice.models import Practice

from .client_link import link_to
from .discretion import email_to_client
from .models import BookingRequest

logger = logging.getLogger(__name__)

PRACTICE_NOTIFICATION_SUBJECT = "A new request is waiting"


def notify_after_commit(booking_request):
    """Queue the emails once the request is safely stored, never for a rolled-back one.

    Robust: should queuing fail, the client, whose request is stored, is thanked, and cron
    sends later. While email is off (EMAIL_ENABLED=0) nothing is queued: the request stays
    pending, for cron to send once email is on.
    """
    if settings.EMAIL_ENABLED:
        transaction.on_commit(
            partial(send_queued_notification.enqueue, booking_request.pk), robust=True
        )


@task
def send_queued_notification(booking_request_pk):
    """Send what notify_after_commit queued, unless the practice heard of the request since
    (cron, or a second queuing), or it was deleted or marked spam meanwhile."""
    if settings.EMAIL_ENABLED:
        send_if_waiting(BookingRequest.objects.unnotified(), booking_request_pk)


def save_status_change(booking_request, update_fields=None):
    """Save a request staff followed up. One they take out of spam is a real request that
    the practice may never have heard of, so it is notified now, by the admin action and
    the change form alike."""
    leaves_spam = booking_request.leaves_spam
    booking_request.save(update_fields=update_fields)
    if leaves_spam and booking_request.notification_state != BookingRequest.NotificationState.SENT:
        notify_after_commit(booking_request)


def send_if_waiting(waiting, booking_request_pk):
    """Send one request's notification while holding its row, if it is still `waiting`.

    The row stays locked until its new notification state is saved, so the task and cron
    (on one server or several) take turns: a second sender skips the locked row, or finds
    it no longer waiting. SQLite, without row locks, lets one writer in at a time, to the
    same end. Returns None when skipped, else whether the practice heard.
    """
    with transaction.atomic():
        booking_request = (
            waiting.filter(pk=booking_request_pk)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("therapist")
            .first()
        )
        return None if booking_request is None else send_notification(booking_request)


def send_notification(booking_request):
    """Tell the practice, then acknowledge to the client; return whether the practice heard.

    When the practice's email fails the request is marked failed and the client's email
    waits too, so that `manage.py send_booking_notifications` sends both later. Any error
    counts, not only the mail server's (a mistyped address in the settings, say): one
    request's failure must not stop the others' in the cron loop. Logs name the error's
    type only, since its text may quote an address.
    """
    booking_request.notification_attempts += 1
    try:
        practice_notification(booking_request).send()
    except Exception as error:
        booking_request.notification_state = BookingRequest.NotificationState.FAILED
        booking_request.notification_last_error = f"{type(error).__name__}: {error}"[:200]
        logger.warning(
            "Booking request %s: the notification email failed (%s)",
            booking_request.pk,
            type(error).__name__,
        )
    else:
        booking_request.notification_state = BookingRequest.NotificationState.SENT
        booking_request.notification_last_error = ""
    booking_request.save(
        update_fields=["notification_state", "notification_attempts", "notification_last_error"]
    )
    sent = booking_request.notification_state == BookingRequest.NotificationState.SENT
    if sent and settings.BOOKING_SEND_ACKNOWLEDGEMENT:
        if booking_request.link_key is None:  # sent before private links were given
            booking_request.new_link_key()
            booking_request.save(update_fields=["link_key"])
        send_to_client(client_acknowledgement(booking_request), booking_request, "acknowledgement")
    return sent


def practice_notification(booking_request):
    """Names nobody unless settings.BOOKING_NOTIFICATION_NAMES_CLIENT says so: a name tied
    to asking a therapist for help is health information, which plain email should not
    carry. The link leads to the request, behind the admin's sign-in."""
    therapist = booking_request.therapist
    admin_path = reverse("admin:booking_bookingrequest_change", args=[booking_request.pk])
    body = render_to_string(
        "booking/email/practice_notification.txt",
        {
            "booking_request": booking_request,
            "admin_url": settings.SITE_URL + admin_path,
            "names_client": settings.BOOKING_NOTIFICATION_NAMES_CLIENT,
        },
    )
    recipients = dict.fromkeys(
        [therapist.notification_email, *settings.BOOKING_NOTIFICATION_EMAILS]
    )
    return EmailMessage(subject=PRACTICE_NOTIFICATION_SUBJECT, body=body, to=list(recipients))


def client_acknowledgement(booking_request):
    """The receipt, with the private link to the request (booking.client_link)."""
    return email_to_client(
        booking_request,
        subject=f"{Practice.get_solo().name}: we have received your request",
        discreet_subject="We have your message",
        template="booking/email/client_acknowledgement.txt",
        context={
            "link": link_to(booking_request),
            "link_days": settings.BOOKING_CLIENT_LINK_DAYS,
        },
    )


def send_new_link(booking_request, old_email):
    """After the client changed their email address: a new link to the new address, and to
    the old one a notice without it. Sent at once rather than queued, so that the old
    address is kept nowhere, not even in the task queue. Returns whether the new link went.
    """
    if not settings.EMAIL_ENABLED:
        return False
    new_link = email_to_client(
        booking_request,
        subject=f"{Practice.get_solo().name}: your new link",
        discreet_subject="Your new link",
        template="booking/email/new_link.txt",
        context={"link": link_to(booking_request), "link_days": settings.BOOKING_CLIENT_LINK_DAYS},
    )
    notice = email_to_client(
        booking_request,
        subject=f"{Practice.get_solo().name}: your email address was changed",
        discreet_subject="A change to your details",
        template="booking/email/email_changed.txt",
    )
    notice.to = [old_email]
    new_link_sent = send_to_client(new_link, booking_request, "new link")
    send_to_client(notice, booking_request, "change notice")
    return new_link_sent


def send_to_client(message, booking_request, what):
    """Send an email to the client; a failure is logged, by the error's type only, since
    its text may quote the address. Returns whether it went."""
    try:
        message.send()
    except Exception as error:
        logger.warning(
            "Booking request %s: the %s email failed (%s)",
            booking_request.pk,
            what,
            type(error).__name__,
        )
        return False
    return True
