"""What a page says about itself to search engines and link previews."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageMeta:
    """The head tags of one page: title, description, Open Graph and Twitter card."""

    title: str
    description: str = ""
    image_url: str = ""
    image_alt: str = ""
    og_type: str = "website"
    noindex: bool = False
