"""The emails a booking request sends: the practice's notification and the client's receipt.

Neither carries what the client wrote about themselves: that stays in the database,
behind the admin sign-in.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from practice.models import Practice

from .models import BookingRequest

logger = logging.getLogger(__name__)


def notify_after_commit(booking_request):
    """Send the emails once the request is safely stored, never for a rolled-back one.

    Robust: whatever goes wrong there, the client, whose request is stored, is thanked.
    While email is off (EMAIL_ENABLED=0) the request stays pending, for cron to send later.
    """
    if settings.EMAIL_ENABLED:
        transaction.on_commit(lambda: send_notification(booking_request), robust=True)


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
        try:
            client_acknowledgement(booking_request).send()
        except Exception as error:
            logger.warning(
                "Booking request %s: the acknowledgement email failed (%s)",
                booking_request.pk,
                type(error).__name__,
            )
    return sent


def practice_notification(booking_request):
    therapist = booking_request.therapist
    admin_path = reverse("admin:booking_bookingrequest_change", args=[booking_request.pk])
    body = render_to_string(
        "booking/email/practice_notification.txt",
        {"booking_request": booking_request, "admin_url": settings.SITE_URL + admin_path},
    )
    recipients = dict.fromkeys(
        [therapist.notification_email, *settings.BOOKING_NOTIFICATION_EMAILS]
    )
    return EmailMessage(
        subject=f"New booking request for {therapist.name}", body=body, to=list(recipients)
    )


def client_acknowledgement(booking_request):
    practice = Practice.get_solo()
    body = render_to_string("booking/email/client_acknowledgement.txt", {"practice": practice})
    return EmailMessage(
        subject=f"{practice.name}: we have received your request",
        body=body,
        to=[booking_request.email],
        reply_to=[practice.email],
    )
