"""Emails to a client, and how they change when the client asked for discretion.

Someone asking for help may share a mailbox with the person the therapy is about. Their
emails then come under a neutral sender name and subject, and say nothing of therapy;
unless the client allowed it, they do not name the practice either.
"""

import re
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from practice.models import Practice

# Words that would tell a reader over the client's shoulder what the email is about.
TELLTALE_WORDS = re.compile(
    r"\b(therap\w*|counsel+\w*|psych\w*|mental|trauma\w*|clinic\w*|diagnos\w*|"
    r"crisis|suicid\w*|lifeline|988)\b",
    re.IGNORECASE,
)


# What a reply to a discreet client is about, whichever template it starts from.
DISCREET_REPLY_SUBJECT = "Following up on your message"


def names_practice(booking_request):
    return not booking_request.discreet or booking_request.may_name_practice


def first_name(full_name):
    words = full_name.split()
    return words[0] if words else ""


def telltales(text, booking_request, practice, *, may_name_practice):
    """What in `text` a discreet client's email must not say: words about therapy and,
    unless `may_name_practice`, the practice's name and the therapist's surname."""
    found = [match[0] for match in TELLTALE_WORDS.finditer(text)]
    if not may_name_practice:
        therapist_names = booking_request.therapist.name.split()
        surname = therapist_names[-1] if len(therapist_names) > 1 else ""
        found += [
            name for name in (practice.name, surname) if name and name.casefold() in text.casefold()
        ]
    return list(dict.fromkeys(found))


def email_to_client(booking_request, *, subject, discreet_subject, template, context=None):
    """An email to the client from `template`, under the practice's name, or under a
    neutral one with `discreet_subject` when they asked for discretion."""
    practice = Practice.get_solo()
    discreet = booking_request.discreet
    body = render_to_string(
        template,
        {
            "practice": practice,
            "booking_request": booking_request,
            "discreet": discreet,
            "names_practice": names_practice(booking_request),
            "signature": practice.name
            if names_practice(booking_request)
            else first_name(booking_request.therapist.name),
            **(context or {}),
        },
    )
    return message_to_client(
        booking_request, subject=discreet_subject if discreet else subject, body=body
    )


def message_to_client(booking_request, *, subject, body, to=None):
    """From the site's sending address; answers go to the practice's own address, or, for
    a discreet client, to BOOKING_DISCREET_FROM_EMAIL when the practice has one."""
    practice = Practice.get_solo()
    if booking_request.discreet:
        sender = settings.BOOKING_DISCREET_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
        from_email = formataddr((settings.BOOKING_DISCREET_SENDER_NAME, parseaddr(sender)[1]))
        reply_to = settings.BOOKING_DISCREET_FROM_EMAIL or practice.email
    else:
        from_email = formataddr((practice.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
        reply_to = practice.email
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=from_email,
        to=[to or booking_request.email],
        reply_to=[reply_to],
    )
