"""Reading posts from Markdown files with front matter, as the demo content is written:
TOML between +++ lines, or YAML between --- lines, then the body.

    +++
    title = "Listening to understand"
    summary = "…"              # else the start of the body
    author = "morgan"          # a therapist's slug or name
    category = "relationship-therapy"
    tags = ["Couples", "Communication"]
    publish_at = 2026-01-20T09:00:00-05:00   # a draft without it
    content_note = "…"
    +++

The file's name, less .md, is the slug unless the front matter gives one.
"""

import tomllib
from datetime import datetime
from pathlib import Path

import yaml
from django.utils import timezone
from django.utils.text import slugify

from .errors import ImportFileError
from .items import ImportItem, Skipped

PARSERS = {"+++": tomllib.loads, "---": yaml.safe_load}


def read_markdown_files(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportFileError(f"The folder {directory} does not exist.")
    return [read_markdown_file(path) for path in sorted(directory.glob("*.md"))]


def read_markdown_file(path):
    try:
        front_matter, body = split_front_matter(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        return Skipped(path.name, f"Its front matter could not be read ({error}).")
    publish_at = front_matter.get("publish_at")
    if isinstance(publish_at, str):
        publish_at = datetime.fromisoformat(publish_at)
    if publish_at is not None and timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at)
    category = front_matter.get("category")
    return ImportItem(
        title=str(front_matter.get("title", "")).strip(),
        slug=front_matter.get("slug") or slugify(path.stem),
        published=front_matter.get("status", "published" if publish_at else "draft") == "published",
        publish_at=publish_at,
        guid=front_matter.get("guid"),
        authors=(front_matter["author"],) if front_matter.get("author") else (),
        categories=[(category, slugify(category))] if category else [],
        tags=[(name, slugify(name)) for name in front_matter.get("tags", [])],
        summary=front_matter.get("summary", ""),
        body_markdown=body,
        content_note=front_matter.get("content_note", ""),
    )


def split_front_matter(text):
    """The front matter, as a dict, and the body; ValueError if there is no front matter."""
    fence = text[:3]
    if fence not in PARSERS or text[3:4] not in {"\n", "\r"}:
        raise ValueError("the file must start with a +++ (TOML) or --- (YAML) line")
    front_matter, separator, body = text[3:].partition(f"\n{fence}\n")
    if not separator:
        raise ValueError(f"the front matter has no closing {fence} line")
    return PARSERS[fence](front_matter) or {}, body.strip()
