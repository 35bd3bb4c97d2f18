"""Delete uploaded images that no post, therapist or page shows any more (practice.unused_images).

Run it from cron, hourly or daily: an image is deleted once nothing refers to it and it is
a day old, so one dropped into a draft that is not saved yet is safe. On every server: one of
them does the work (practice.single_runner), so no image is deleted, or counted, twice.
"""

from django.core.management.base import BaseCommand

from practice.single_runner import single_runner
from practice.unused_images import delete_unused_images


class Command(BaseCommand):
    help = "Delete uploaded images, with their smaller copies, that nothing shows any more."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )

    @single_runner
    def handle(self, *args, dry_run, **options):
        names = delete_unused_images(dry_run=dry_run)
        for name in names:
            self.stdout.write(f"  {name}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {len(names)} unused image(s), with their smaller copies.")
