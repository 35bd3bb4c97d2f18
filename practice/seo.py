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
    # The address itself is a secret: no canonical or og:url tag repeats it.
    secret_address: bool = False


class PageMetaMixin:
    """The one way a view gives its page's head tags (get_meta) and its schema.org data
    (get_structured_data, none unless a view has some)."""

    def get_meta(self):
        raise NotImplementedError(f"{type(self).__name__} must say what its page is: get_meta()")

    def get_structured_data(self):
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meta=self.get_meta(), structured_data=self.get_structured_data(), **kwargs
        )
