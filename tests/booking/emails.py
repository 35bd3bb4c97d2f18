"""The emails a test's outbox holds, by kind."""

from booking.notifications import PRACTICE_NOTIFICATION_SUBJECT


def practice_notifications(outbox):
    """The practice's emails about new requests, among whatever else was sent."""
    return [message for message in outbox if message.subject == PRACTICE_NOTIFICATION_SUBJECT]
