"""Reading a WordPress eXtended RSS export (WXR), which Squarespace writes too.

The XML is parsed by defusedxml: an export never declares entities, so a file that does
(an "XML bomb" that expands to gigabytes, or a reference to a file on this server) is
refused before anything is expanded or read.
"""

import html
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils import timezone
from django.utils.text import slugify

from .errors import ImportFileError
from .items import ImportItem, Skipped

WP_NAMESPACE_START = "{http://wordpress.org/export/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
PUBLISHED = {"publish": True, "future": True, "draft": False, "pending": False, "private": False}
NOT_POSTS = {
    "attachment": "An attachment, not a post: its image comes over with the posts that show it.",
    "page": "A page, not a post: if the site needs it, make it a page in admin (Pages).",
    "nav_menu_item": "A menu item, not a post: there is nothing to import.",
}


def parse_wxr(data):
    """The export's items, as ImportItems or Skipped; ImportFileError if it is no export."""
    try:
        rss = fromstring(data)
    except DefusedXmlException:
        raise ImportFileError(
            "The file declares XML entities, which no export does: it was refused unread, "
            "as such a file can exhaust the server or read its files."
        ) from None
    except ParseError as error:
        raise ImportFileError(f"The file is not well-formed XML ({error}).") from None
    channel = rss.find("channel")
    wp = wp_namespace(rss)
    if rss.tag != "rss" or channel is None or wp is None:
        raise ImportFileError(
            "The file is not a WordPress or Squarespace export (WXR): export the blog "
            "again as described in the README."
        )
    return WxrReader(channel, wp).items()


def validate_wxr(data):
    """Raise ImportFileError, as import_wxr would, if the file is no export it can read.
    Quick (it reads the file's items, no image and no database), for a form to refuse
    such a file at once."""
    parse_wxr(data)


def wp_namespace(rss):
    for element in rss.iter():
        if isinstance(element.tag, str) and element.tag.startswith(WP_NAMESPACE_START):
            return element.tag.partition("}")[0] + "}"
    return None


class WxrReader:
    def __init__(self, channel, wp):
        self.channel = channel
        self.wp = wp
        self.base_url = text(channel, wp + "base_blog_url") or text(channel, "link")
        self.display_names = {
            text(author, wp + "author_login"): text(author, wp + "author_display_name")
            for author in channel.iter(wp + "author")
        }
        self.attachments = {
            text(item, wp + "post_id"): item
            for item in channel.iter("item")
            if text(item, wp + "post_type") == "attachment"
        }

    def items(self):
        return [self.read(item) for item in self.channel.iter("item")]

    def read(self, item):
        wp = self.wp
        # WordPress keeps titles and the names of categories and tags HTML-escaped
        # ("Couples &amp; families"), and exports them so; here they are plain text.
        title = html.unescape(text(item, "title"))
        post_type = text(item, wp + "post_type") or "post"
        label = title or f"Item {text(item, wp + 'post_id') or '(no id)'}"
        status = text(item, wp + "status") or "publish"
        if post_type != "post":
            return Skipped(
                label, NOT_POSTS.get(post_type, f"A “{post_type}”, not a post: it is not imported.")
            )
        if status not in PUBLISHED:
            return Skipped(label, f"Its status on the old blog is “{status}”: it is not imported.")
        login = text(item, CREATOR)
        featured_url, featured_alt = self.featured_image(item)
        return ImportItem(
            title=title,
            slug=slug_of(text(item, wp + "post_name")) or slugify(title),
            published=PUBLISHED[status],
            publish_at=self.publish_time(item),
            guid=text(item, "guid") or None,
            authors=tuple(name for name in (login, self.display_names.get(login)) if name),
            categories=self.terms(item, "category"),
            tags=self.terms(item, "post_tag"),
            summary=text(item, wp.removesuffix("}") + "excerpt/}encoded"),
            body_html=text(item, CONTENT),
            base_url=self.base_url,
            featured_image=featured_url,
            featured_image_alt=featured_alt,
            old_addresses=[
                address for address in (text(item, "link"), text(item, "guid")) if address
            ],
        )

    def publish_time(self, item):
        """The time in UTC, or else RSS's pubDate; drafts often have neither."""
        gmt = text(item, self.wp + "post_date_gmt")
        if gmt and not gmt.startswith("0000"):
            try:
                return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
            except ValueError:
                pass
        try:
            return parsedate_to_datetime(text(item, "pubDate"))
        except (TypeError, ValueError):
            pass
        local = text(item, self.wp + "post_date")
        try:
            return timezone.make_aware(datetime.fromisoformat(local))
        except ValueError:
            return None

    def terms(self, item, domain):
        return [
            (
                html.unescape(text(term)),
                slugify(unquote(term.get("nicename", ""))) or slugify(html.unescape(text(term))),
            )
            for term in item.iter("category")
            if term.get("domain") == domain and text(term)
        ]

    def featured_image(self, item):
        """The URL and alt text of the attachment the post names as its thumbnail."""
        thumbnail_id = self.meta(item, "_thumbnail_id")
        attachment = self.attachments.get(thumbnail_id)
        if attachment is None:
            return "", ""
        url = text(attachment, self.wp + "attachment_url")
        alt = self.meta(attachment, "_wp_attachment_image_alt")
        return (urljoin(self.base_url, url) if url else ""), alt

    def meta(self, item, key):
        for meta in item.iter(self.wp + "postmeta"):
            if text(meta, self.wp + "meta_key") == key:
                return text(meta, self.wp + "meta_value")
        return ""


def slug_of(post_name):
    """The slug of a post's name: Squarespace names some like their address, with a
    path or .html ("blog/2023/4/5/my-post.html")."""
    name = PurePosixPath(unquote(post_name).strip("/")).name
    return slugify(name.removesuffix(".html"))


def text(element, path=None):
    found = element if path is None else element.find(path)
    return (found.text or "").strip() if found is not None else ""
