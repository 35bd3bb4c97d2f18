"""Send the notifications that could not be sent when their requests arrived.

Safe to run from cron as often as you like, on several servers at once: a request whose
notification reached the practice is never sent again, and one being sent elsewhere is
skipped (booking.notifications.send_if_waiting).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from booking.models import BookingRequest
from booking.notifications import send_if_waiting


class Command(BaseCommand):
    help = "Retry the notification emails of booking requests that are pending or failed."

    def handle(self, *args, **options):
        waiting = BookingRequest.objects.awaiting_notification()
        if not settings.EMAIL_ENABLED:
            self.stdout.write(f"Email is off (EMAIL_ENABLED=0): {waiting.count()} request(s) wait.")
            return
        results = [send_if_waiting(waiting, pk) for pk in waiting.values_list("pk", flat=True)]
        sent = results.count(True)
        failed = results.count(False)
        self.stdout.write(f"Sent {sent} booking notification(s).")
        if failed:
            # A failing exit status makes cron report it to whoever watches the server.
            raise CommandError(f"{failed} notification(s) failed again; they stay queued.")
