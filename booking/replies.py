"""Replies staff send a client from the request's page: written and recorded at once, sent
by a task once the save commits (settings.TASKS), sent once, kept when they fail; cron
sends again what failed or was never taken."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .discretion import message_to_client
from .models import Reply

logger = logging.getLogger(__name__)


def write_reply(booking_request, template, subject, body, user):
    """Record the reply, and send it once the record is committed."""
    reply = Reply.objects.create(
        booking_request=booking_request,
        template=template,
        written_by=user,
        to=booking_request.email,
        subject=subject,
        body=body,
        moves_to=template.moves_to if template else "",
        closed_reason=template.closed_reason if template else "",
    )
    send_after_commit(reply)
    return reply


def send_after_commit(reply):
    if settings.EMAIL_ENABLED:
        transaction.on_commit(partial(send_queued_reply.enqueue, reply.pk), robust=True)


@task
def send_queued_reply(reply_pk):
    if settings.EMAIL_ENABLED:
        send_reply(reply_pk)


def send_reply(reply_pk):
    """Send a reply that has not gone yet, holding its row so that the task and cron, on
    any server, send it once; then move the request where its template said. Return None
    when there was nothing to send, else whether it went."""
    with transaction.atomic():
        reply = (
            Reply.objects.unsent()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("booking_request__therapist", "written_by", "template")
            .filter(pk=reply_pk)
            .first()
        )
        if reply is None:
            return None
        reply.attempts += 1
        try:
            message(reply).send()
        except Exception as error:
            reply.state = Reply.State.FAILED
            reply.last_error = f"{type(error).__name__}: {error}"[:200]
            logger.warning("Reply %s failed (%s)", reply.pk, type(error).__name__)
            reply.save(update_fields=["state", "attempts", "last_error"])
            return False
        reply.state = Reply.State.SENT
        reply.sent_at = timezone.now()
        reply.last_error = ""
        reply.save(update_fields=["state", "attempts", "last_error", "sent_at"])
        move_request(reply)
        return True


def message(reply):
    return message_to_client(
        reply.booking_request, subject=reply.subject, body=reply.body, to=reply.to
    )


def move_request(reply):
    """The request's status as the reply's template said, in the request's history."""
    booking_request = reply.booking_request
    what = f"Replied by email ({reply.template or 'a reply written from scratch'})"
    if reply.moves_to and (booking_request.status, booking_request.closed_reason) != (
        reply.moves_to,
        reply.closed_reason,
    ):
        booking_request.set_status(reply.moves_to, reply.closed_reason)
        booking_request.save(update_fields=["status", "closed_reason", "spam_reason"])
        what += f"; status to “{booking_request.status_label}”"
    if reply.written_by_id:  # the history names who did it; a deleted account, nobody
        LogEntry.objects.log_actions(
            user_id=reply.written_by_id,
            queryset=[booking_request],
            action_flag=CHANGE,
            change_message=what + ".",
            single_object=True,
        )
