"""Markdown to safe HTML, for post bodies and the editor's live preview alike."""

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    *("h2", "h3", "h4", "h5", "h6", "p", "br", "hr"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "em", "strong", "b", "i", "blockquote", "abbr", "sup", "sub", "del"),
    *("img", "figure", "figcaption"),
    *("table", "thead", "tbody", "tr", "th", "td", "caption"),
    *("code", "pre"),
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


class TopHeadingsAsSections(Treeprocessor):
    """A body's `#` heading becomes h2: the page's title is its one h1."""

    def run(self, root):
        for heading in root.iter("h1"):
            heading.tag = "h2"


class TopHeadingsAsSectionsExtension(Extension):
    def extendMarkdown(self, md):
        # Before the table of contents (priority 5), which gives the headings their ids.
        md.treeprocessors.register(TopHeadingsAsSections(md), "top_headings_as_sections", 10)


def section_id(title, separator):
    """A heading's id, prefixed so that it cannot repeat one of the page's own (main, …)."""
    return f"section{separator}{toc_slugify(title, separator)}"


MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty", "toc", TopHeadingsAsSectionsExtension()]
MARKDOWN_EXTENSION_CONFIGS = {"toc": {"slugify": section_id}}


def render_markdown(text):
    """Render Markdown and keep only the allow-listed HTML, whatever the author typed."""
    # A fresh converter per call: Markdown instances keep state and are not thread-safe.
    html = markdown.markdown(
        text or "",
        extensions=MARKDOWN_EXTENSIONS,
        extension_configs=MARKDOWN_EXTENSION_CONFIGS,
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
