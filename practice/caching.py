"""HTTP caching for public pages."""

from functools import wraps

from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control


def public_page(view):
    """For a page every reader without a session sees alike.

    Browsers and proxies may keep it but must revalidate it each time:
    ConditionalGetMiddleware answers 304 while the ETag still matches, and a post whose
    scheduled time has passed shows at once, held back by no cache. The whole-page cache
    (practice.page_cache) keeps only the pages of views so marked.
    """
    public_view = cache_control(public=True, no_cache=True)(view)
    # Read by the page cache before the view runs: as_view() and method_decorator carry it.
    public_view.is_public_page = True
    return public_view


def behind_secret_address(view):
    """For a page whose address is a secret (a review link, a client's private link): never
    kept by any cache, never indexed, and never sent on as a referrer by a link on it."""

    @wraps(view)
    def secret_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return secret_view
