"""Delete booking requests the practice no longer needs, as the privacy notice promises.

Run it daily from cron, on every server: one of them does the work (practice.single_runner),
so each deletion is counted once. Spam goes BOOKING_SPAM_RETENTION_DAYS after it was
marked, and closed requests BOOKING_RETENTION_DAYS after they were closed; open ones are
kept. Waitlist addresses go BOOKING_WAITLIST_RETENTION_DAYS after they were left, if
nothing removed them before. The keys of client-address hashes go once the rate limit no
longer needs them, even on a day when no request came to replace them.
"""

from django.core.management.base import BaseCommand

from booking.models import BookingRequest, WaitlistEntry
from booking.ratelimit import delete_expired_keys
from practice.single_runner import single_runner


class Command(BaseCommand):
    help = (
        "Delete spam and closed booking requests, and waitlist addresses, that are past "
        "their retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    @single_runner
    def handle(self, *args, dry_run, **options):
        counts = []
        for status in [BookingRequest.Status.SPAM, BookingRequest.Status.CLOSED]:
            expired = BookingRequest.objects.past_retention().filter(status=status)
            if dry_run:
                counts.append(expired.count())
            else:
                counts.append(expired.delete()[1].get(BookingRequest._meta.label, 0))
        expired = WaitlistEntry.objects.past_retention()
        counts.append(expired.count() if dry_run else expired.delete()[0])
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts[0]} spam and {counts[1]} closed booking request(s), and "
            f"{counts[2]} waitlist address(es)."
        )
        if not dry_run:
            delete_expired_keys()
