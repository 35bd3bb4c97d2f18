"""Running an import: parse, then import each item in one transaction."""


def import_wxr(
    data,
    *,
    author=None,
    download_images=False,
    media_dir=None,
    allow_private_hosts=False,
    dry_run=False,
):
    """Import the posts of a WordPress or Squarespace export (the XML file's bytes)."""
    raise NotImplementedError


def import_markdown(directory, *, author=None, dry_run=False):
    """Import each *.md file of a folder: TOML (+++) or YAML (---) front matter, then Markdown."""
    raise NotImplementedError
