"""Bring an existing blog over: posts from a WordPress or Squarespace export (WXR), or from
Markdown files with front matter, with their images, categories, tags and old addresses.

The public interface, for `manage.py import_wxr` / `import_markdown` and the admin:

    import_wxr(data, *, author=None, download_images=False, media_dir=None,
               allow_private_hosts=False, dry_run=False, defer_downloads=False) -> ImportReport
    import_markdown(directory, *, author=None, dry_run=False) -> ImportReport
    validate_wxr(data) -> None

`author` is the slug of the therapist named when an item's author matches none. Both imports
raise ImportFileError, with a message for the editor, when the file or folder cannot be used
at all; a single bad item is skipped and the report says why. validate_wxr raises the same
errors for a file, within a second, so that a form can refuse it before any import. The
whole import is one transaction: it saves everything or nothing, and a dry run saves nothing.
"""

from .errors import ImportFileError
from .report import Entry, ImportReport
from .run import import_markdown, import_wxr
from .wxr import validate_wxr

__all__ = [
    "Entry",
    "ImportFileError",
    "ImportReport",
    "import_markdown",
    "import_wxr",
    "validate_wxr",
]
