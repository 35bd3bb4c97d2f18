"""What each source gives the importer: one ImportItem per post, or a Skipped with a reason."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass
class ImportItem:
    title: str
    slug: str
    published: bool  # published or scheduled on the old blog; else a draft
    publish_at: datetime | None
    guid: str | None = None
    # The names to find the therapist by: a login, a display name or a slug.
    authors: tuple[str, ...] = ()
    # (name, slug) pairs; a post here has one category, the first.
    categories: list[tuple[str, str]] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""
    # One of the two: HTML from an export, or Markdown from a file.
    body_html: str | None = None
    body_markdown: str | None = None
    base_url: str = ""  # what the body's relative addresses are relative to
    content_note: str = ""
    featured_image: str = ""  # an absolute URL
    featured_image_alt: str = ""
    # Where the post was on the old blog: URLs or paths, which redirect here.
    old_addresses: list[str] = field(default_factory=list)

    def fingerprint(self):
        """A digest of everything the item says, to tell whether it changed since."""
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Skipped:
    title: str
    reason: str
