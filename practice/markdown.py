"""Markdown to safe HTML, for post bodies and the editor's live preview alike.

The body is CommonMark, with tables, strikethrough, footnotes, autolinked addresses and
typographic quotes and dashes, rendered by cmark (cmarkgfm, the renderer PyPI uses for
project descriptions) in time proportional to its length, whatever it holds. HTML typed
into the body is not Markdown here: cmark leaves it out. The sanitiser (nh3) then keeps
only the allow-listed HTML, and last the headings get their ids, so that the page's own
ids (main, the call to action's heading) can never be repeated by an author.
"""

import html
import re
from html.parser import HTMLParser

import nh3
from cmarkgfm import cmark
from django.utils.text import slugify

from .images import with_renditions

# A long article is 30,000 to 40,000 characters; a body up to this renders well within a
# second, however it is written.
MAX_BODY_LENGTH = 100_000

CMARK_OPTIONS = (
    cmark.Options.CMARK_OPT_SMART
    | cmark.Options.CMARK_OPT_FOOTNOTES
    | cmark.Options.CMARK_OPT_VALIDATE_UTF8
)
CMARK_EXTENSIONS = ["table", "strikethrough", "autolink"]

ALLOWED_TAGS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "em", "strong", "b", "i", "blockquote", "abbr", "sup", "sub", "del"),
    *("img", "figure", "figcaption"),
    *("table", "thead", "tbody", "tr", "th", "td", "caption"),
    *("code", "pre"),
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "aria-label"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "li": {"id"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The only ids cmark writes: a footnote and the reference to it.
FOOTNOTE_ID = re.compile(r"fn(?:ref)?-[\w-]+")

# Nesting deeper than this (a list in a quote in a list…) is flattened before sanitising:
# no article needs it, and the HTML parser's work grows with the square of the depth.
MAX_NESTING = 32
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
VOID_ELEMENTS = {"br", "hr", "img", "input"}

# The sanitiser writes tags without attributes where none are allowed, so these are exact.
TOP_HEADING = re.compile(r"<(/?)h1>")
HEADING = re.compile(r"<h([234])>(.*?)</h\1>", re.DOTALL)


def render_markdown(text):
    """Render Markdown and keep only the allow-listed HTML, whatever the author typed."""
    rendered = cmark.markdown_to_html_with_extensions(
        text or "", options=CMARK_OPTIONS, extensions=CMARK_EXTENSIONS
    )
    clean = nh3.clean(
        flatten_deep_nesting(rendered),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_footnote_ids_only,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return with_heading_ids(TOP_HEADING.sub(r"<\1h2>", clean)).strip()


def render_for_readers(text):
    """A Markdown field as readers see it: rendered, sanitised, and its images uploaded here
    served as `<picture>`s. What is saved and the editor's preview both come from here."""
    return with_renditions(render_markdown(text))


def keep_footnote_ids_only(element, attribute, value):
    if attribute == "id" and not FOOTNOTE_ID.fullmatch(value):
        return None
    return value


def flatten_deep_nesting(rendered):
    """Drop the tags nested deeper than MAX_NESTING, keeping their text.

    cmark's output is well formed (raw HTML is left out), so every tag dropped on the way
    in has its closing tag dropped on the way out.
    """
    kept = []  # for each open element, whether its tags are kept

    def visit(tag):
        if tag[2].lower() in VOID_ELEMENTS:
            return tag[0] if len(kept) < MAX_NESTING else ""
        if tag[1]:
            return tag[0] if kept.pop() else ""
        kept.append(len(kept) < MAX_NESTING)
        return tag[0] if kept[-1] else ""

    return TAG.sub(visit, rendered)


def with_heading_ids(clean):
    """Give each section heading an id, "section-" and its words, unique in the body."""
    taken = set()
    last_number = {}  # for each anchor, the number its last repeat was given

    def identify(heading):
        words = slugify(html.unescape(re.sub(r"<[^>]*>", "", heading[2]))) or "heading"
        anchor = base = f"section-{words}"
        while anchor in taken:
            last_number[base] = last_number.get(base, 1) + 1
            anchor = f"{base}-{last_number[base]}"
        taken.add(anchor)
        return f'<h{heading[1]} id="{anchor}">{heading[2]}</h{heading[1]}>'

    return HEADING.sub(identify, clean)


class _ImageFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attributes = dict(attrs)
            self.images.append((attributes.get("src") or "", attributes.get("alt") or ""))


def images_in(rendered):
    """The (src, alt) of each image in rendered HTML, as a browser would read them."""
    finder = _ImageFinder()
    finder.feed(rendered)
    finder.close()
    return finder.images


class RendersMarkdown:
    """A model whose Markdown fields are rendered once, when it is saved, into the field
    of the same name ending in "_html", which pages show as it is.

    Images uploaded here become `<picture>`s with their renditions at that moment;
    `manage.py rerender_posts` renders everything again after the renderer changes.
    """

    markdown_fields = ()

    def render_markdown_fields(self):
        for name in self.markdown_fields:
            field = self._meta.get_field(name)
            setattr(self, name, field.tidy(getattr(self, name)))
            setattr(self, f"{name}_html", render_for_readers(getattr(self, name)))

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            rendered = {f"{name}_html" for name in self.markdown_fields if name in update_fields}
            kwargs["update_fields"] = {*update_fields, *rendered}
        super().save(*args, **kwargs)
