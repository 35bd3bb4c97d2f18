"""Running an import: read the source, then import each item, all in one transaction."""

from pathlib import Path

from django.db import transaction

from practice.models import Therapist

from .errors import ImportFileError
from .images import HomeImages
from .markdown_files import read_markdown_files
from .posts import PostImporter
from .report import ImportReport
from .wxr import parse_wxr


def import_wxr(
    data,
    *,
    author=None,
    download_images=False,
    media_dir=None,
    allow_private_hosts=False,
    dry_run=False,
    defer_downloads=False,
):
    """Import the posts of a WordPress or Squarespace export (the XML file's bytes).

    A dry run with `defer_downloads` downloads no image: the report says which the
    import will download."""
    if media_dir is not None and not Path(media_dir).is_dir():
        raise ImportFileError(f"The media folder {media_dir} does not exist.")
    home_images = HomeImages(
        download=download_images,
        media_dir=media_dir,
        allow_private_hosts=allow_private_hosts,
        defer_downloads=defer_downloads and dry_run,
    )
    return run(parse_wxr(data), home_images, author, dry_run)


def import_markdown(directory, *, author=None, dry_run=False):
    """Import each *.md file of a folder: TOML (+++) or YAML (---) front matter, then Markdown.

    Their images must be on this site already: those that are not keep a post a draft.
    """
    return run(read_markdown_files(directory), HomeImages(), author, dry_run)


def run(items, home_images, author, dry_run):
    default_author = None
    if author and not (default_author := Therapist.objects.filter(slug=author).first()):
        raise ImportFileError(f"No therapist has the slug “{author}”.")
    report = ImportReport(dry_run=dry_run)
    importer = PostImporter(report, home_images, default_author)
    try:
        with transaction.atomic():
            for item in items:
                importer.import_item(item)
            transaction.set_rollback(dry_run)
    except BaseException:
        home_images.forget()
        raise
    if dry_run:
        home_images.forget()
    return report
