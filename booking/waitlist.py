"""A therapist's waitlist: while they take no new clients, a reader may leave an email
address to be told once when they do; the address is deleted as soon as that email goes.

Two emails only, each sent by a task: a confirmation on joining, with a one-click link to
leave (RFC 8058), and the news of the reopening. Neither says "therapy" where an inbox
shows it, since others may see the inbox. The booking form's defences stand in front of
the list (a hidden field, a timing token, the hourly limit per client address), so that
nobody can use it to send mail to strangers.
"""

import email.policy
import logging
from functools import partial

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from practice.models import Therapist

from .forms import TOO_LONG, SpamDefences, refuse_control_characters
from .models import WaitlistEntry
from .ratelimit import WINDOW, client_hashes, lock_client

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "booking.waitlist-unsubscribe"
PRESS_AGAIN = (
    "This page was open for a long while, so we need you to press “Tell me” once more. "
    "Your address is still here."
)
TOO_MANY = (
    "Several addresses have been left from your internet connection in the last hour, so "
    "this one was not added. Please try again in an hour."
)


class WaitlistForm(SpamDefences):
    """Just an address. A submission that looks automated is judged as the booking form
    judges one, and is welcomed just the same but stored nowhere."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        validators=[refuse_control_characters],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Please enter your email address, so that we can tell you.",
            "invalid": "Please enter an email address like name@example.com.",
            "max_length": TOO_LONG,
        },
    )

    def clean_email(self):
        # One entry per mailbox, however its owner capitalises it.
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned_data = super().clean()
        self.judge_spam(cleaned_data, PRESS_AGAIN)
        return cleaned_data


def join(request, therapist, email):
    """Put the address on the therapist's list (once, however often it is sent) and
    confirm to a new one. Returns False, adding nothing, when this client address has left
    as many addresses within the hour as BOOKING_RATE_LIMIT allows booking requests."""
    hashes = client_hashes(request)
    with transaction.atomic():
        lock_client(hashes[0])
        limit = settings.BOOKING_RATE_LIMIT
        if limit and WaitlistEntry.objects.recent_from_client(hashes, WINDOW).count() >= limit:
            return False
        entry, created = WaitlistEntry.objects.get_or_create(
            therapist=therapist, email=email, defaults={"client_hash": hashes[0]}
        )
        if created and settings.EMAIL_ENABLED:
            transaction.on_commit(partial(send_confirmation.enqueue, entry.pk), robust=True)
    return True


def unsubscribe_token(entry):
    """The secret in an entry's link to leave the list: its number, signed. It needs no
    expiry, since the entry it names is deleted within the retention period."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(entry.pk)


def entry_from_token(token):
    """The entry a link names, or None when the link is forged, cut short or used."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return WaitlistEntry.objects.select_related("therapist").filter(pk=pk).first()


@task
def send_confirmation(entry_pk):
    """Confirm a new address, unless it left the list meanwhile. One that fails is not
    sent again: the address waits on the list all the same, and the retention period
    ends its wait at the latest."""
    entry = WaitlistEntry.objects.select_related("therapist").filter(pk=entry_pk).first()
    if entry is None or not settings.EMAIL_ENABLED:
        return
    try:
        confirmation(entry).send()
    except Exception as error:
        logger.warning(
            "Waitlist address %s: the confirmation failed (%s)", entry.pk, type(error).__name__
        )


class EmailWithUnsubscribeLink(EmailMessage):
    """An email whose List-Unsubscribe header mail clients can read. Python folds a header
    line longer than 78 characters, and one without spaces, like a link, it folds by
    encoding it (RFC 2047), after which Gmail and others ignore it. Lines may run to the
    998 characters RFC 5322 allows instead."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def confirmation(entry):
    leave_url = settings.SITE_URL + reverse(
        "booking:leave_waitlist", kwargs={"token": unsubscribe_token(entry)}
    )
    body = render_to_string(
        "booking/email/waitlist_confirmation.txt",
        {
            "therapist": entry.therapist,
            "leave_url": leave_url,
            "retention_days": settings.BOOKING_WAITLIST_RETENTION_DAYS,
        },
    )
    return EmailWithUnsubscribeLink(
        subject=f"We will tell you when {entry.therapist.first_name} has space",
        body=body,
        to=[entry.email],
        headers={
            "List-Unsubscribe": f"<{leave_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@receiver(post_save, sender=Therapist)
def announce_reopening(sender, instance, **kwargs):
    """Once a save that reopens a therapist to new clients commits, queue the news to their
    list; while email is off, or should queuing fail, cron sends it instead."""
    if instance.reopens_to_new_clients and settings.EMAIL_ENABLED:
        transaction.on_commit(partial(send_reopening_news.enqueue, instance.pk), robust=True)


@task
def send_reopening_news(therapist_pk):
    if settings.EMAIL_ENABLED:
        due = WaitlistEntry.objects.due().filter(therapist_id=therapist_pk)
        for entry_pk in list(due.values_list("pk", flat=True)):
            send_reopening_email(entry_pk)


def send_reopening_email(entry_pk):
    """Tell one waiting address the therapist has space, then delete it, holding its row.

    The row stays locked until it is deleted, so the task and cron (on one server or
    several) take turns: a second sender skips the locked row, or finds it gone. SQLite,
    without row locks, lets one writer in at a time, to the same end. An address whose
    email fails stays, for cron to try again. Returns None when skipped, else whether it
    went.
    """
    with transaction.atomic():
        entry = (
            WaitlistEntry.objects.due()
            .filter(pk=entry_pk)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("therapist")
            .first()
        )
        if entry is None:
            return None
        try:
            reopening_email(entry).send()
        except Exception as error:
            logger.warning(
                "Waitlist address %s: the reopening email failed (%s)",
                entry.pk,
                type(error).__name__,
            )
            return False
        entry.delete()
        return True


def reopening_email(entry):
    therapist = entry.therapist
    body = render_to_string(
        "booking/email/waitlist_reopening.txt",
        {"therapist": therapist, "booking_url": settings.SITE_URL + therapist.get_booking_url()},
    )
    return EmailMessage(
        subject=f"{therapist.first_name} is taking new clients again", body=body, to=[entry.email]
    )
