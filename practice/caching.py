"""HTTP caching for public pages."""

from functools import wraps

from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control

# Browsers and proxies may keep a public page but must revalidate it each time:
# ConditionalGetMiddleware answers 304 while the ETag still matches, and a post
# whose scheduled time has passed shows at once, held back by no cache.
public_page = cache_control(public=True, no_cache=True)


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
