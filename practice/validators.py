from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@deconstructible
class NotReservedSlug:
    """Refuse slugs that name one of the site's own pages at the same place in the URL.

    A post called "search" would otherwise sit at /blog/search/, where the search page
    already is, and nobody could ever reach it.
    """

    def __init__(self, *reserved):
        self.reserved = reserved

    def __call__(self, value):
        if value in self.reserved:
            raise ValidationError(
                "“%(slug)s” is already the address of one of the site’s own pages: "
                "choose another slug.",
                code="reserved",
                params={"slug": value},
            )

    def __eq__(self, other):
        return isinstance(other, NotReservedSlug) and self.reserved == other.reserved


# The first part of the site's own addresses: a page at /<slug>/ must not take one.
SITE_PATHS = (
    *("admin", "blog", "book", "services", "therapists", "media", "static"),
    *("healthz", "robots", "sitemap", "favicon", "apple-touch-icon"),
)
