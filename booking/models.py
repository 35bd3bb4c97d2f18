import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from practice.fields import MultilineField, OneLineField
from practice.models import Therapist

from . import phone
from .discretion import DISCREET_REPLY_SUBJECT, first_name, names_practice
from .waiting import reply_due_cutoff


class LookingForOptionQuerySet(models.QuerySet):
    def offered(self):
        """The answers the booking form offers today."""
        return self.filter(offered=True)


class LookingForOption(models.Model):
    """One answer to the form's "What are you looking for?", editable in admin."""

    label = OneLineField(max_length=80, unique=True)
    offered = models.BooleanField(
        default=True,
        help_text="Untick to stop offering this answer; requests that chose it keep it.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    objects = LookingForOptionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "“looking for” answer"

    def __str__(self):
        return self.label


# How long a new request's own notification may take before cron sends it instead.
NOTIFICATION_GRACE = timedelta(minutes=5)


class BookingRequestQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=BookingRequest.Status.NEW)

    def open(self):
        """Requests still being followed up: new, contacted, consultation scheduled."""
        return self.filter(status__in=BookingRequest.OPEN_STATUSES)

    def overdue(self):
        """New requests that have waited longer than the practice promises to reply in."""
        return self.new().filter(created_at__lt=reply_due_cutoff())

    def with_overdue_flag(self):
        """Each request with `is_overdue`, the practice's promise read once for them all."""
        overdue = Q(status=BookingRequest.Status.NEW, created_at__lt=reply_due_cutoff())
        return self.annotate(is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))

    def recent_from_client(self, client_hashes, period):
        """Requests sent from one client address within the period, under any of its hashes."""
        return self.filter(client_hash__in=client_hashes, created_at__gte=timezone.now() - period)

    def unnotified(self):
        """Real requests the practice has not heard of: pending, or whose email failed."""
        return self.exclude(status=BookingRequest.Status.SPAM).exclude(
            notification_state=BookingRequest.NotificationState.SENT
        )

    def awaiting_notification(self):
        """Unnotified requests for cron to send: those whose notification failed, or never
        went out.

        A request still pending within NOTIFICATION_GRACE of arriving is left alone:
        its own queued send may be under way, and the practice should hear once.
        """
        return self.unnotified().filter(
            Q(notification_state=BookingRequest.NotificationState.FAILED)
            | Q(created_at__lt=timezone.now() - NOTIFICATION_GRACE)
        )

    def past_retention(self):
        """Spam and closed requests kept as long as the privacy notice says, and no longer."""
        now = timezone.now()
        spam_cutoff = now - timedelta(days=settings.BOOKING_SPAM_RETENTION_DAYS)
        closed_cutoff = now - timedelta(days=settings.BOOKING_RETENTION_DAYS)
        return self.filter(
            Q(status=BookingRequest.Status.SPAM, status_changed_at__lt=spam_cutoff)
            | Q(status=BookingRequest.Status.CLOSED, status_changed_at__lt=closed_cutoff)
        )


class BookingRequest(models.Model):
    """A first-appointment request from the booking form, followed up in admin."""

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"

    class SessionFormat(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        EITHER = "either", "Either"

    class Availability(models.TextChoices):
        WEEKDAY_MORNINGS = "weekday_mornings", "Weekday mornings"
        WEEKDAY_AFTERNOONS = "weekday_afternoons", "Weekday afternoons"
        WEEKDAY_EVENINGS = "weekday_evenings", "Weekday evenings"
        WEEKENDS = "weekends", "Weekends"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CONSULTATION_SCHEDULED = "consultation_scheduled", "Consultation scheduled"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    OPEN_STATUSES = (Status.NEW, Status.CONTACTED, Status.CONSULTATION_SCHEDULED)

    class ClosedReason(models.TextChoices):
        BECAME_CLIENT = "became_client", "Became a client"
        REFERRED_OUT = "referred_out", "Referred out"
        NOT_A_FIT = "not_a_fit", "Not a fit"
        NO_RESPONSE = "no_response", "No response"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class SpamReason(models.TextChoices):
        HONEYPOT = "honeypot", "Hidden field filled in"
        TOO_FAST = "too_fast", "Sent within seconds of the form loading"
        # No longer given: such forms are now sent again. Kept for requests marked before.
        STALE_TOKEN = "stale_token", "Form token expired or invalid"
        MARKED_BY_STAFF = "marked_by_staff", "Marked as spam by staff"

    class NotificationState(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    therapist = models.ForeignKey(
        Therapist, on_delete=models.PROTECT, related_name="booking_requests"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    phone = models.CharField(
        max_length=16, blank=True, help_text="Digits only, with a leading + when international."
    )
    preferred_contact = models.CharField("preferred contact", max_length=10, choices=ContactMethod)
    voicemail_ok = models.BooleanField("OK to leave a voicemail", default=False)
    texts_ok = models.BooleanField("OK to text", default=False)
    looking_for = models.ForeignKey(
        LookingForOption, on_delete=models.PROTECT, related_name="booking_requests"
    )
    session_format = models.CharField(max_length=10, choices=SessionFormat)
    availability = models.JSONField(
        default=list, blank=True, help_text="Any of the general times the client ticked."
    )
    note = models.TextField("anything practical", max_length=1000, blank=True)
    discreet = models.BooleanField(
        "asked for discretion",
        default=False,
        help_text="The client asked us to be discreet: emails to them name neither the "
        "practice nor therapy.",
    )
    safe_times = OneLineField("safe times to call", max_length=200, blank=True)
    may_name_practice = models.BooleanField(
        "may name the practice in messages",
        default=True,
        help_text="Whether an email, text or voicemail to the client may say who we are.",
    )
    consent_at = models.DateTimeField(
        "consent given", help_text="When the client ticked the privacy and emergency box."
    )
    privacy_notice_version = models.CharField(
        max_length=20, help_text="The privacy notice the client agreed to."
    )

    status = models.CharField(max_length=30, choices=Status, default=Status.NEW)
    closed_reason = models.CharField(max_length=20, choices=ClosedReason, blank=True)
    spam_reason = models.CharField(max_length=20, choices=SpamReason, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="assigned_booking_requests",
    )
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField("status changed", default=timezone.now)

    notification_state = models.CharField(
        max_length=10, choices=NotificationState, default=NotificationState.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notification_last_error = models.CharField(max_length=200, blank=True)

    token = models.UUIDField(
        unique=True, editable=False, help_text="The form's one-time token: one request per form."
    )
    client_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="A hash of the sender's address, for the rate limit, keyed with a secret "
        "that is deleted within two hours; never the address.",
    )
    # NULL until a link is given: unique, unlike a blank string.
    link_key = models.CharField(  # noqa: DJ001
        max_length=43,
        unique=True,
        null=True,
        editable=False,
        help_text="The secret in the client's private link; a new one ends the old link.",
    )
    changed_by_client_at = models.DateTimeField(
        "last changed by the client", null=True, blank=True, editable=False
    )

    objects = BookingRequestQuerySet.as_manager()

    # The status as last loaded or saved, so that save() knows when it changes.
    _saved_status = None

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["client_hash", "created_at"], name="booking_client_recent_idx"),
            models.Index(fields=["status", "status_changed_at"], name="booking_status_changed_idx"),
        ]
        permissions = [("export_bookingrequest", "Can export booking requests to CSV")]

    def __str__(self):
        # No personal data: this string is copied into admin history entries.
        return f"Booking request {self.pk}"

    def save(self, *args, **kwargs):
        if self.status != self._saved_status:
            self.status_changed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "status_changed_at"}
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._saved_status = instance.__dict__.get("status")
        return instance

    def set_status(self, status, closed_reason=""):
        """Move to a status; reasons belong to the closed and spam statuses only."""
        self.status = status
        self.closed_reason = closed_reason if status == self.Status.CLOSED else ""
        if status != self.Status.SPAM:
            self.spam_reason = ""
        elif not self.spam_reason:
            self.spam_reason = self.SpamReason.MARKED_BY_STAFF

    @property
    def leaves_spam(self):
        """Whether the status, changed and not yet saved, takes the request out of spam."""
        return self._saved_status == self.Status.SPAM and self.status != self.Status.SPAM

    def clean(self):
        if self.status == self.Status.CLOSED and not self.closed_reason:
            raise ValidationError({"closed_reason": "Choose why the request was closed."})
        self.set_status(self.status, self.closed_reason)

    @property
    def status_label(self):
        """The status in words, with its reason: "Closed: referred out"."""
        reason = self.get_closed_reason_display() or self.get_spam_reason_display()
        return (
            f"{self.get_status_display()}: {reason.lower()}"
            if reason
            else self.get_status_display()
        )

    def new_link_key(self):
        """A new secret for the client's private link, which ends any link sent before."""
        self.link_key = secrets.token_urlsafe(32)

    @property
    def client_status(self):
        """The status as the client's own page puts it, in plain words; a request staff
        judged spam reads as received, since the page must not say so."""
        if self.status == self.Status.CLOSED:
            return "closed"
        if self.status in (self.Status.CONTACTED, self.Status.CONSULTATION_SCHEDULED):
            return "we have been in touch"
        return "received"

    @property
    def readable_phone(self):
        return phone.readable(self.phone) if self.phone else ""

    @property
    def may_be_emailed(self):
        """Whether the client asked to be answered by email."""
        return self.preferred_contact == self.ContactMethod.EMAIL

    def get_availability_display(self):
        labels = dict(self.Availability.choices)
        return ", ".join(labels.get(value, value) for value in self.availability)


class Withdrawal(models.Model):
    """A request its client withdrew through their private link. The request and all that
    hung on it are deleted; this record, which says nothing of who wrote or what, is all
    the practice keeps."""

    request_number = models.PositiveIntegerField(editable=False)
    received_at = models.DateTimeField("received", editable=False)
    withdrawn_at = models.DateTimeField("withdrawn", auto_now_add=True)

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self):
        return f"Booking request {self.request_number}, withdrawn"


class AddressKey(models.Model):
    """A secret that keys the hashes of client addresses for one hour.

    The rate limit looks back one hour, so it needs this hour's key and the last; older
    keys are deleted (booking.ratelimit, and the daily purge). Once its key is gone, a
    stored hash cannot be linked to any address, not even by the site itself.
    """

    hour = models.DateTimeField(unique=True)
    secret = models.CharField(max_length=64)

    def __str__(self):
        return f"address key for {self.hour:%Y-%m-%d %H:00}"


class StaffNote(models.Model):
    """A note staff add while following up a request; kept apart from what the client sent."""

    booking_request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    text = MultilineField(max_length=2000)
    created_at = models.DateTimeField("written", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        # No note text: this string is copied into admin history entries.
        return f"note by {self.author or 'a former user'}"


class RequestView(models.Model):
    """Someone opened a request's page: what clients write there is sensitive, so the
    practice can see who read it. Deleted with the request."""

    booking_request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="views"
    )
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    viewed_at = models.DateTimeField("opened", auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"opened by {self.viewer or 'a former user'}"


# What a reply template may say of the request it answers, as {first_name} and so on.
REPLY_PLACEHOLDERS = {
    "first_name": "the client's first name",
    "therapist": "the therapist the request is for",
    "practice": "the practice's name",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class ReplyTemplate(models.Model):
    """A reply the practice often sends, edited in admin; staff start each reply from one."""

    class NextStatus(models.TextChoices):
        UNCHANGED = "", "Leave the status as it is"
        CONTACTED = "contacted", "Contacted"
        CONSULTATION_SCHEDULED = "consultation_scheduled", "Consultation scheduled"
        CLOSED = "closed", "Closed"

    name = OneLineField(max_length=80, unique=True, help_text="e.g. “Offer a consultation”.")
    subject = OneLineField(max_length=150)
    body = MultilineField(
        max_length=5000,
        help_text="Write {first_name}, {therapist} or {practice} where the reply should "
        "name them; each is filled in from the request.",
    )
    moves_to = models.CharField(
        "then mark the request",
        max_length=30,
        choices=NextStatus,
        blank=True,
        help_text="The status the request moves to once the reply has gone.",
    )
    closed_reason = models.CharField(max_length=20, choices=BookingRequest.ClosedReason, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        unknown = {
            name
            for text in (self.subject, self.body)
            for name in PLACEHOLDER.findall(text or "")
            if name not in REPLY_PLACEHOLDERS
        }
        if unknown:
            raise ValidationError(
                "Unknown placeholder(s): %(unknown)s. Use {first_name}, {therapist} or {practice}.",
                params={"unknown": ", ".join(f"{{{name}}}" for name in sorted(unknown))},
            )
        if self.moves_to == self.NextStatus.CLOSED and not self.closed_reason:
            raise ValidationError({"closed_reason": "Choose why the request is closed."})
        if self.moves_to != self.NextStatus.CLOSED:
            self.closed_reason = ""

    def fill(self, booking_request, practice_name):
        """The subject and body with the request's details in place of the placeholders.

        For a client who asked for discretion the subject is neutral, the therapist is
        named by first name only, and so is the practice unless the client allowed its name.
        """
        therapist = booking_request.therapist.name
        values = {
            "first_name": first_name(booking_request.name),
            "therapist": first_name(therapist) if booking_request.discreet else therapist,
            "practice": practice_name if names_practice(booking_request) else first_name(therapist),
        }

        def filled(text):
            return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)

        subject = DISCREET_REPLY_SUBJECT if booking_request.discreet else filled(self.subject)
        return subject, filled(self.body)


class ReplyQuerySet(models.QuerySet):
    def unsent(self):
        return self.exclude(state=Reply.State.SENT)

    def for_cron(self):
        """Replies to send again: those that failed, and those whose own task has had
        NOTIFICATION_GRACE to send them."""
        return self.unsent().filter(
            Q(state=Reply.State.FAILED) | Q(written_at__lt=timezone.now() - NOTIFICATION_GRACE)
        )


class Reply(models.Model):
    """An email staff sent a client from the request's page: what, to whom, by whom, and
    whether it has gone. One that failed is kept, to be sent again."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    booking_request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="replies"
    )
    template = models.ForeignKey(
        ReplyTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    to = models.EmailField(max_length=254)
    subject = OneLineField(max_length=150)
    body = MultilineField(max_length=5000)
    # Copied from the template when written: a later change to it changes no reply.
    moves_to = models.CharField(max_length=30, choices=ReplyTemplate.NextStatus, blank=True)
    closed_reason = models.CharField(max_length=20, choices=BookingRequest.ClosedReason, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name_plural = "replies"

    def __str__(self):
        # No personal data: this string may be copied into admin history entries.
        return f"reply {self.pk}"


class WaitlistEntryQuerySet(models.QuerySet):
    def due(self):
        """Addresses to write to now: their therapist is taking new clients again."""
        return self.filter(therapist__accepting_new_clients=True)

    def recent_from_client(self, client_hashes, period):
        """Addresses left from one client address within the period, under any of its hashes."""
        return self.filter(client_hash__in=client_hashes, created_at__gte=timezone.now() - period)

    def past_retention(self):
        """Addresses kept as long as the privacy notice says, and no longer."""
        cutoff = timezone.now() - timedelta(days=settings.BOOKING_WAITLIST_RETENTION_DAYS)
        return self.filter(created_at__lt=cutoff)


class WaitlistEntry(models.Model):
    """An address to write to once, when a therapist who is not taking new clients starts
    again (booking.waitlist); deleted once written to, on unsubscribing, or when too old."""

    therapist = models.ForeignKey(
        Therapist, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField("joined", auto_now_add=True, db_index=True)
    client_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="A hash of the sender's address, for the rate limit, keyed with a secret "
        "that is deleted within two hours; never the address.",
    )

    objects = WaitlistEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "email"], name="one_waitlist_entry_per_address"
            )
        ]
        indexes = [
            models.Index(fields=["client_hash", "created_at"], name="waitlist_client_recent_idx"),
        ]
        verbose_name = "waitlist address"
        verbose_name_plural = "waitlist"

    def __str__(self):
        # No personal data: this string may be copied into admin history entries.
        return f"Waitlist address {self.pk}"
