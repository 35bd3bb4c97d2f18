from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.importing import ImportFileError, import_wxr


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress or Squarespace export (WXR), with their images, "
        "categories, tags and old addresses. Running it again updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The export's .xml file.")
        parser.add_argument(
            "--author", help="The slug of the therapist for posts whose author matches none."
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A folder of the old blog's files (e.g. WordPress's wp-content/uploads), "
            "where images are found by name.",
        )
        parser.add_argument(
            "--download-images",
            action="store_true",
            help="Download the images not found in --media-dir from the old blog.",
        )
        parser.add_argument(
            "--allow-private-hosts",
            action="store_true",
            help="Also download from private and local addresses (for tests only).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; save nothing."
        )

    def handle(self, *args, **options):
        try:
            report = import_wxr(
                options["file"].read_bytes(),
                author=options["author"],
                download_images=options["download_images"],
                media_dir=options["media_dir"],
                allow_private_hosts=options["allow_private_hosts"],
                dry_run=options["dry_run"],
            )
        except (ImportFileError, OSError) as error:
            raise CommandError(error) from None
        self.stdout.write(report.as_text())
