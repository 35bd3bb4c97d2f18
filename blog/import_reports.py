"""An import's report as its admin page shows it (admin/blog/blogimport/report.html): a
line of counts, then a section per outcome, each post linked to its admin page while it is
here, each note with the addresses in it shortened to the file they name."""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .importing.report import OUTCOMES, ImportReport
from .models import Post

# What the page calls each outcome: in the check on upload, and once the import is done.
WORDS = {
    "created": ("to create", "created"),
    "updated": ("to update", "updated"),
    "unchanged": ("unchanged", "unchanged"),
    "skipped": ("to skip", "skipped"),
}
# An address in a note, without the punctuation that ends its sentence.
ADDRESS = re.compile(r"https?://\S+?(?=[.,:;)]*(?:\s|$))")


@dataclass
class Section:
    heading: str
    entries: list  # of ShownEntry


@dataclass
class ShownEntry:
    title: str
    url: str | None  # of the post's admin page
    notes: list  # of HTML


@dataclass
class ReportPage:
    summary: str
    sections: list  # of Section, for the outcomes that have entries


def report_page(entries, *, checked, user):
    """The entries a BlogImport keeps (ImportReport.as_data()), for its page: those of the
    check (`checked`), or of the import. Posts are linked for a `user` who may open them."""
    report = ImportReport.from_data(entries)
    linked = posts_to_link(report.entries, user)
    counts = []
    sections = []
    for outcome in OUTCOMES:
        words = WORDS[outcome][0 if checked else 1]
        of_outcome = report.of(outcome)
        count = len(of_outcome)
        # "3 posts to create, 0 to update, …": the first count says what is counted.
        counted = "" if counts else f" post{pluralize(count)}"
        counts.append(f"{count}{counted} {words}")
        if of_outcome:
            shown = [shown_entry(entry, linked) for entry in of_outcome]
            sections.append(Section(words.capitalize(), shown))
    return ReportPage(", ".join(counts) + ".", sections)


def posts_to_link(entries, user):
    """The ids of the entries' posts that are still here, if the user may open them."""
    ids = {entry.post_id for entry in entries if entry.post_id}
    if not ids or not (user.has_perm("blog.view_post") or user.has_perm("blog.change_post")):
        return set()
    return set(Post.objects.filter(pk__in=ids).values_list("pk", flat=True))


def shown_entry(entry, linked):
    post_id = entry.post_id
    url = reverse("admin:blog_post_change", args=[post_id]) if post_id in linked else None
    return ShownEntry(entry.title, url, [note_html(note) for note in entry.notes])


def note_html(note):
    """The note, each address in it shown as the name of the file it ends with (which is
    what an editor looks for in the post), linked to the whole address."""
    parts = []
    start = 0
    for match in ADDRESS.finditer(note):
        address = match[0]
        parts.append(conditional_escape(note[start : match.start()]))
        parts.append(
            format_html(
                '<a href="{}" rel="noreferrer"><code>{}</code></a>', address, file_name(address)
            )
        )
        start = match.end()
    parts.append(conditional_escape(note[start:]))
    return mark_safe("".join(parts))


def file_name(address):
    parts = urlsplit(address)
    return unquote(PurePosixPath(parts.path).name) or parts.hostname or address
