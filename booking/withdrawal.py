"""A client withdraws their request: it goes at once, with all that hung on it."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from .models import BookingRequest, Withdrawal
from .notifications import send_queued_notification
from .replies import send_queued_reply


def withdraw(booking_request):
    """Delete the request, its notes, the record of who opened it, its replies, its
    history and any email still queued for it, and keep only that a request was withdrawn.
    """
    with transaction.atomic():
        forget_queued_emails(booking_request)
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(BookingRequest),
            object_id=str(booking_request.pk),
        ).delete()
        Withdrawal.objects.create(
            request_number=booking_request.pk, received_at=booking_request.created_at
        )
        booking_request.delete()  # notes, openings and replies go with it (CASCADE)


def forget_queued_emails(booking_request):
    """The worker would find nothing to send for a deleted request; its queue should not
    keep even the request's number."""
    reply_pks = list(booking_request.replies.values_list("pk", flat=True))
    queued = DBTaskResult.objects.ready()
    queued.filter(
        task_path=send_queued_notification.module_path, args_kwargs__args=[booking_request.pk]
    ).delete()
    for reply_pk in reply_pks:
        queued.filter(
            task_path=send_queued_reply.module_path, args_kwargs__args=[reply_pk]
        ).delete()
