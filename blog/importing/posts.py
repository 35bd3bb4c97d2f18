"""Importing one item as a post, whatever it was read from (blog.importing.items).

An item is the post here that has its GUID (imported from it before), else the post that
has its slug: a post of the same address is the same post, made by hand or by an earlier
import of Markdown files, and is updated. Only a post imported from another GUID is
another post: the item then gets the slug with "-2" (or the next number free) and the
report says so. An item whose post was imported unchanged before is left alone, with
the editors' changes since; one whose import left something to do is imported again.

A post published on the old blog stays a draft here while it cannot be published: an
image not brought home, or one without a description. Why is kept in
Post.import_problems, which admin shows, and in the report.
"""

import html
import re
from itertools import count
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from blog.models import Category, OldAddress, Post, Tag
from practice import images
from practice.markdown import render_markdown
from practice.models import Therapist

from .html_to_markdown import html_to_markdown, left_out
from .images import original_address
from .items import Skipped

SUMMARY_WORDS = 40
# In rendered Markdown: cmark writes <p> without attributes, and no paragraph in another.
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
CAPTION = re.compile(r"<em>.*</em>", re.DOTALL)
DEFAULT_CATEGORY = ("Uncategorized", "uncategorized")


class PostImporter:
    def __init__(self, report, home_images, default_author=None):
        self.report = report
        self.images = home_images
        self.default_author = default_author

    def import_item(self, item):
        if isinstance(item, Skipped):
            self.report.add("skipped", item.title, [item.reason])
            return
        try:
            with transaction.atomic():
                outcome, post, notes = self.save(item)
        except ValidationError as error:
            self.report.add("skipped", item.title or "(untitled)", error.messages)
            return
        self.report.add(outcome, post.title, notes, post)

    def save(self, item):
        if not item.title:
            raise ValidationError("It has no title: give it one, then import it again.")
        if item.published and item.publish_at is None:
            raise ValidationError(
                "It was published, but the export gives no date: give it one on the old "
                "blog, then export it again."
            )
        post, notes = self.existing_post(item)
        fingerprint = item.fingerprint()
        if post.pk and post.import_fingerprint == fingerprint:
            return "unchanged", post, notes
        outcome = "updated" if post.pk else "created"
        self.fill(post, item)
        if item.body_html is not None:
            notes.extend(left_out(item.body_html))
        notes.extend(
            f"The image {source} will be downloaded during the import."
            for source in sorted(self.images.to_be_downloaded)
            if source in post.body or source == original_address(item.featured_image)
        )
        problems = self.problems(post, item)
        post.status = Post.Status.PUBLISHED if item.published else Post.Status.DRAFT
        notes.extend(problems)
        if problems and item.published:
            post.status = Post.Status.DRAFT
            notes.append(
                f"Publish it once {'this is' if len(problems) == 1 else 'these are'} done: "
                "until then it is kept as a draft."
            )
        post.import_problems = "\n".join(problems)
        post.import_fingerprint = "" if problems else fingerprint
        post.clean_fields(exclude=["featured_image"])
        post.save()
        post.tags.set(self.terms(Tag, item.tags))
        if item.published:
            self.keep_old_addresses(post, item)
        return outcome, post, notes

    def existing_post(self, item):
        """The post the item updates, or a new one; and what the report should say."""
        if item.guid and (post := Post.objects.filter(import_guid=item.guid).first()):
            return post, []
        slug = item.slug or slugify(item.title) or "post"
        post = Post.objects.filter(slug=slug).first()
        if post is None or post.import_guid is None:
            return post or Post(slug=slug), []
        free = next(
            f"{slug}-{number}"
            for number in count(2)
            if not Post.objects.filter(slug=f"{slug}-{number}").exists()
        )
        return Post(slug=free), [
            f"Check its address: another imported post has the slug “{slug}”, so it is "
            f"saved as “{free}”."
        ]

    def fill(self, post, item):
        post.import_guid = item.guid
        post.title = item.title
        post.author = self.author(item)
        post.category = self.terms(Category, item.categories[:1] or [DEFAULT_CATEGORY])[0]
        post.publish_at = item.publish_at if item.published else None
        post.content_note = item.content_note
        if item.body_html is not None:
            post.body = html_to_markdown(
                item.body_html, base_url=item.base_url, image_address=self.image_address
            )
        else:
            post.body = item.body_markdown.strip()
        post.summary = summary(item.summary or prose(render_markdown(post.body))) or item.title
        post.featured_image_alt = item.featured_image_alt
        if item.featured_image and (url := self.images.url_for(item.featured_image)):
            post.featured_image = images.uploaded_name(url)
            Post._meta.get_field("featured_image").update_dimension_fields(post, force=True)

    def image_address(self, source):
        return self.images.url_for(source) or source

    def problems(self, post, item):
        """What keeps the post from being published, in the editors' words."""
        missing = "" if post.featured_image else original_address(item.featured_image)
        problems = [
            f"Upload the featured image {source} again: it {why}."
            if source == missing
            else f"Drag a copy of the image {source} into the editor, in place of its link: "
            f"it {why}."
            for source, why in self.images.problems.items()
            if source in post.body or source == missing
        ]
        # Each image not brought home has its own note, above: the publish check's general
        # advice on images from another site would only repeat them, once per post.
        listed = self.images.to_be_downloaded | self.images.problems.keys()
        if error := post.body_publishing_error(to_be_downloaded=listed):
            problems.append(error)
        if post.featured_image and not post.featured_image_alt:
            problems.append("Describe the featured image for readers who cannot see it.")
        return problems

    def author(self, item):
        for name in item.authors:
            matches = Therapist.objects.filter(Q(slug=slugify(name)) | Q(name__iexact=name))
            if therapist := matches.first():
                return therapist
        if self.default_author is None:
            named = " or ".join(f"“{name}”" for name in item.authors) or "nobody"
            raise ValidationError(
                f"Its author ({named}) is no therapist here: name a default author for such posts."
            )
        return self.default_author

    def terms(self, model, pairs):
        """The categories or tags of these (name, slug) pairs, made if they are missing."""
        name_length = model._meta.get_field("name").max_length
        found = []
        for name, slug in pairs:
            term = model.objects.filter(Q(slug=slug) | Q(name=name)).first()
            found.append(term or model.objects.create(name=name[:name_length], slug=slug))
        return found

    def keep_old_addresses(self, post, item):
        max_length = OldAddress._meta.get_field("path").max_length
        for address in item.old_addresses:
            parts = urlsplit(address)
            path = OldAddress.path_of(unquote(parts.path) or "/", parts.query)
            if path != post.get_absolute_url() and len(path) <= max_length:
                OldAddress.objects.update_or_create(path=path, defaults={"post": post})


def prose(body_html):
    """The body's paragraphs, without its headings, lists, images or captions (a paragraph
    all in emphasis, as the importer writes them): what reads well as a summary. The
    whole body if it has no such paragraph."""
    paragraphs = PARAGRAPH.findall(body_html)
    return " ".join(text for text in paragraphs if not CAPTION.fullmatch(text)) or body_html


def summary(text_or_html):
    """Plain text, cut to a few dozen words within the summary's length."""
    plain = " ".join(html.unescape(strip_tags(text_or_html)).split())
    max_length = Post._meta.get_field("summary").max_length
    return Truncator(Truncator(plain).words(SUMMARY_WORDS)).chars(max_length)
