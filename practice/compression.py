"""Compressed responses for what every visitor is shown alike, and for nothing else."""

from django.utils.cache import has_vary_header, patch_vary_headers
from django.utils.http import split_directive_names
from django_http_compression.middleware import HttpCompressionMiddleware


class PublicCompressionMiddleware(HttpCompressionMiddleware):
    """Compress public pages, feeds and the sitemap with zstd, Brotli or gzip, as the
    client asks; leave every other response as it is.

    A compressed page that holds a secret (a CSRF token, a client's details) beside text
    an attacker chooses gives the secret away through its length (BREACH). So only a
    response that is the same for everyone is compressed: one its view marked
    Cache-Control: public (practice.caching.public_page), that sets no cookie and does
    not vary with one. A form's token always comes with its cookie, so a page with a
    form is never compressed.
    """

    def maybe_compress(self, request, response):
        if is_same_for_everyone(response):
            # Also when this client asked for no compression: a shared cache keeps the
            # encodings apart only if every copy says it varies with Accept-Encoding.
            patch_vary_headers(response, ["Accept-Encoding"])
            super().maybe_compress(request, response)


def is_same_for_everyone(response):
    return (
        "public" in split_directive_names(response.get("Cache-Control", ""))
        and not response.cookies
        and not has_vary_header(response, "Cookie")
    )
