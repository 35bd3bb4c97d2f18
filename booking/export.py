"""Booking requests as a CSV file that is safe to open in a spreadsheet."""

import csv
import unicodedata

from django.utils import timezone

# A cell starting with one of these is run as a formula by spreadsheet programs, so a
# name like "=HYPERLINK(...)" could act on the computer of whoever opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def local_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def yes_no(value):
    return "yes" if value else "no"


def notes(request):
    """Each staff note on a line of its own: when, who, what."""
    return "\n".join(
        f"{local_time(note.created_at)} {note.author or 'a former user'}: {note.text}"
        for note in request.notes.all()
    )


def replies(request):
    """Each reply on a line of its own: when, who, which template, whether it went."""
    return "\n".join(
        f"{local_time(reply.written_at)} {reply.written_by or 'a former user'}: "
        f"{reply.template or 'written from scratch'}, {reply.get_state_display().lower()}"
        for reply in request.replies.all()
    )


COLUMNS = [
    ("Reference", lambda request: request.pk),
    ("Received", lambda request: local_time(request.created_at)),
    ("Therapist", lambda request: request.therapist.name),
    ("Name", lambda request: request.name),
    ("Email", lambda request: request.email),
    ("Phone", lambda request: request.phone),
    ("Preferred contact", lambda request: request.get_preferred_contact_display()),
    ("OK to leave a voicemail", lambda request: yes_no(request.voicemail_ok)),
    ("OK to text", lambda request: yes_no(request.texts_ok)),
    ("Asked for discretion", lambda request: yes_no(request.discreet)),
    ("Safe times to call", lambda request: request.safe_times),
    ("May name the practice", lambda request: yes_no(request.may_name_practice)),
    ("Looking for", lambda request: request.looking_for.label),
    ("Session format", lambda request: request.get_session_format_display()),
    ("Availability", lambda request: request.get_availability_display()),
    ("Anything practical", lambda request: request.note),
    ("Status", lambda request: request.status_label),
    ("Assigned to", lambda request: request.assigned_to or ""),
    ("Consent given", lambda request: local_time(request.consent_at)),
    ("Privacy notice version", lambda request: request.privacy_notice_version),
    ("Staff notes", notes),
    ("Replies", replies),
]


def spreadsheet_safe(value):
    """The value as text no spreadsheet runs; a full-width equals sign counts as "=", as
    some spreadsheets read it."""
    text = str(value)
    return (
        "'" + text if unicodedata.normalize("NFKC", text[:1]).startswith(FORMULA_STARTS) else text
    )


def write_csv(booking_requests, file):
    """Write a header row and one row per request, UTF-8 with the mark spreadsheets look for."""
    file.write("\ufeff")
    writer = csv.writer(file)
    writer.writerow(heading for heading, _ in COLUMNS)
    for booking_request in booking_requests:
        writer.writerow(spreadsheet_safe(value(booking_request)) for _, value in COLUMNS)
