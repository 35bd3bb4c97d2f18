"""Markdown to safe HTML, for post bodies and the editor's live preview alike."""

import markdown
import nh3

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

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty", "toc"]


def render_markdown(text):
    """Render Markdown and keep only the allow-listed HTML, whatever the author typed."""
    # A fresh converter per call: Markdown instances keep state and are not thread-safe.
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
