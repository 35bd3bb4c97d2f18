"""Send the notifications that could not be sent when their requests arrived, the
replies to clients that failed or were never taken from the queue, and the news to
waitlist addresses whose therapist takes new clients again.

Safe to run from cron as often as you like, on several servers at once: a request whose
notification reached the practice, or a reply that went, is never sent again, nor is a
waitlist address, deleted once told; one being sent elsewhere is skipped
(booking.notifications.send_if_waiting, booking.replies.send_reply,
booking.waitlist.send_reopening_email).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from booking.models import BookingRequest, Reply, WaitlistEntry
from booking.notifications import send_if_waiting
from booking.replies import send_reply
from booking.waitlist import send_reopening_email


class Command(BaseCommand):
    help = (
        "Retry the notifications of booking requests and the replies to clients that wait, "
        "and tell waitlists of therapists who take new clients again."
    )

    def handle(self, *args, **options):
        waiting = BookingRequest.objects.awaiting_notification()
        if not settings.EMAIL_ENABLED:
            self.stdout.write(f"Email is off (EMAIL_ENABLED=0): {waiting.count()} request(s) wait.")
            return
        results = [send_if_waiting(waiting, pk) for pk in waiting.values_list("pk", flat=True)]
        replies = [send_reply(pk) for pk in Reply.objects.for_cron().values_list("pk", flat=True)]
        news = [
            send_reopening_email(pk)
            for pk in WaitlistEntry.objects.due().values_list("pk", flat=True)
        ]
        self.stdout.write(
            f"Sent {results.count(True)} booking notification(s), {replies.count(True)} "
            f"reply(ies) and {news.count(True)} waitlist email(s)."
        )
        failed = results.count(False) + replies.count(False) + news.count(False)
        if failed:
            # A failing exit status makes cron report it to whoever watches the server.
            raise CommandError(f"{failed} email(s) failed again; they stay queued.")
