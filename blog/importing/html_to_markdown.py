"""A WordPress or Squarespace post body, HTML, as Markdown (markdownify).

WordPress stores classic-editor posts without paragraphs: it adds them as it shows the
post (wpautop), from the blank lines, and line breaks from the single newlines. It wraps
blocks in comments (<!-- wp:paragraph -->) and writes some things as shortcodes
([caption]…[/caption]). Those are read the same way here before converting.

Squarespace writes each image twice, in <noscript> and for its script to load (the
address sometimes only in data-src): it is kept once. A caption (<figcaption>, or the
text of a [caption]) becomes an emphasised line under its image, as Markdown has no
figure.
"""

import re
from urllib.parse import urljoin

from markdownify import MarkdownConverter

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Shortcodes around content worth keeping (a captioned image, an embedded address), and
# those that stand for something the site cannot show (a gallery, a player).
ENCLOSING_SHORTCODE = re.compile(r"\[/?(?:caption|wp_caption|embed)\b[^\]]*\]")
# [caption id="attachment_34" width="300"]<a href="…"><img …></a> The caption.[/caption]
CAPTION_SHORTCODE = re.compile(
    r"\[(wp_caption|caption)\b[^\]]*\]\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)"
    r"(.*?)\[/\1\]",
    re.DOTALL | re.IGNORECASE,
)
MEDIA_SHORTCODE = re.compile(
    r"\[(gallery|audio|video|playlist)\b[^\]]*\](?:.*?\[/\1\])?", re.DOTALL
)
# What posts here never show, and the editor should hear was left out.
LEFT_OUT = [
    (
        re.compile(r"<script\b", re.IGNORECASE),
        "A script in it was removed: posts here run no scripts.",
    ),
    (
        re.compile(r"<iframe\b", re.IGNORECASE),
        "An embedded frame (a video or a map, say) was left out: posts here show nothing "
        "from other sites, so link to it instead.",
    ),
    (re.compile(r"\[gallery\b"), "Its [gallery] was left out: add the pictures that matter."),
    (
        re.compile(r"\[(?:audio|video|playlist)\b"),
        "Its [audio], [video] or [playlist] was left out: link to the recording instead.",
    ),
]
BLOCK_TAGS = "p|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|div|figure|figcaption|table|pre|hr|iframe"
BLOCK_TAG = re.compile(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n\s*\n")
SPACE_ONLY_LINES = re.compile(r"\n[ \t]*(?=\n)")
MORE_THAN_ONE_BLANK_LINE = re.compile(r"\n{3,}")


def html_to_markdown(html, *, base_url="", image_address=lambda src: src):
    """Markdown for the body; each image's address is what `image_address` gives for it."""
    html = COMMENT.sub("", html)
    html = MEDIA_SHORTCODE.sub("", html)
    html = CAPTION_SHORTCODE.sub(as_figure, html)
    html = ENCLOSING_SHORTCODE.sub("", html)
    converter = BodyConverter(
        heading_style="ATX",
        bullets="-",
        newline_style="backslash",
        image_address=image_address,
        base_url=base_url,
    )
    markdown = SPACE_ONLY_LINES.sub("\n", converter.convert(with_paragraphs(html)))
    return MORE_THAN_ONE_BLANK_LINE.sub("\n\n", markdown).strip()


def left_out(html):
    """What the body had that the Markdown leaves out, in the editors' words."""
    return [note for pattern, note in LEFT_OUT if pattern.search(COMMENT.sub("", html))]


def as_figure(shortcode):
    image, caption = shortcode[2], shortcode[3].strip()
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>" if caption else image


def with_paragraphs(html):
    """wpautop, in short: outside block elements, text between blank lines is a paragraph
    and a newline in it a line break."""
    html = BLOCK_TAG.sub(lambda tag: f"\n\n{tag[0]}\n\n", html.replace("\r\n", "\n"))
    depth = 0  # how many block elements the text is inside
    parts = []
    for chunk in BLANK_LINES.split(html):
        chunk = chunk.strip()
        if BLOCK_TAG.fullmatch(chunk):
            if chunk.startswith("</"):
                depth = max(0, depth - 1)
            elif not chunk.lower().startswith("<hr"):
                depth += 1
        elif chunk and depth == 0:
            chunk = "<p>" + chunk.replace("\n", "<br>\n") + "</p>"
        parts.append(chunk)
    return "\n".join(parts)


class BodyConverter(MarkdownConverter):
    def __init__(self, *, image_address, base_url, **options):
        super().__init__(**options)
        self.image_address = image_address
        self.base_url = base_url

    def convert_img(self, el, text, parent_tags):
        if src := el.get("src") or el.get("data-src") or el.get("data-image"):
            el["src"] = self.image_address(urljoin(self.base_url, src))
        return super().convert_img(el, text, parent_tags)

    def convert_noscript(self, el, text, parent_tags):
        return ""

    def convert_figcaption(self, el, text, parent_tags):
        caption = " ".join(text.split())
        return f"\n\n_{caption}_\n\n" if caption else ""
