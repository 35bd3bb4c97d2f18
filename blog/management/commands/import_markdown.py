from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.importing import ImportFileError, import_markdown


class Command(BaseCommand):
    help = (
        "Import each .md file of a folder as a post: TOML (+++) or YAML (---) front matter, "
        "then Markdown. Running it again updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--author", help="The slug of the therapist for posts that name no author here."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; save nothing."
        )

    def handle(self, *args, **options):
        try:
            report = import_markdown(
                options["directory"], author=options["author"], dry_run=options["dry_run"]
            )
        except ImportFileError as error:
            raise CommandError(error) from None
        self.stdout.write(report.as_text())
