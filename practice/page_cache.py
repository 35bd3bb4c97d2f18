"""The whole-page cache: public pages kept whole, for readers without a session.

A page is kept only if its view is a `public_page`, the request is a GET or HEAD with no
session or messages cookie, and the response sets no cookie, varies with nothing and
carries no CSP nonce (a page that used a CSRF token sets its cookie, so it is never kept).
Previews, review links, booking forms and the admin are not public pages.

Every entry's key holds the content version, which any save or delete of what a public
page shows replaces (`watch`): all processes and servers sharing the cache read the new
version on their next request, and entries under the old one are never read again. A
version also ends when public pages next change by themselves (`end_versions_at`: a
scheduled post's time), so no entry outlives that moment and no job needs to run.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control

VERSION_KEY = "page-cache:version"
# Set on every answer the cache could have given: "hit" or "miss" (for tests and benchmarks).
STATUS_HEADER = "X-Page-Cache"
# Query strings a page is kept under: none, or a page number. Any other (a search, a
# tracking parameter) is answered by the view, so no one can fill the cache with addresses.
KEPT_QUERY = re.compile(r"(page=[1-9][0-9]{0,5})?")

# Functions giving the next time public pages change with nobody saving anything.
_next_change_functions = []


def watch(*models):
    """Start a new content version whenever one of these models is saved or deleted, or
    one of its many-to-many relations changes: public pages show them."""
    for model in models:
        post_save.connect(content_changed, sender=model)
        post_delete.connect(content_changed, sender=model)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through)


def end_versions_at(next_change_time):
    """End each content version at the time `next_change_time()` gives (a datetime, or
    None): when public pages change with nobody saving anything."""
    _next_change_functions.append(next_change_time)


def content_changed(**kwargs):
    """Start a new content version, now and again when the transaction commits.

    Now, so that this process sees the change at once (and tests, which never commit);
    on commit, since another reader may have kept the old page under the first new
    version before the change was committed.
    """
    start_version()
    transaction.on_commit(start_version, using=kwargs.get("using"))


def forget_version(**kwargs):
    """Have the next request start a new content version (after a release's `migrate`,
    so that no page rendered by the previous code, or before a data migration, is served)."""
    cache.delete(VERSION_KEY)


def new_version():
    times = [time for function in _next_change_functions if (time := function())]
    return {"token": secrets.token_hex(8), "ends": min(times, default=None)}


def start_version():
    version = new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def content_version():
    """The current content version, or None while the cache does not answer."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = new_version()
        if not cache.add(VERSION_KEY, version, timeout=None):
            # Another process started one meanwhile (or the cache is down: None).
            version = cache.get(VERSION_KEY)
    elif version["ends"] is not None and version["ends"] <= timezone.now():
        version = start_version()
    return version


def entry_key(token, request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def reader_without_session(request):
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def same_for_every_reader(request, response):
    """Whether a response may be served to anyone without a session: a public page's, for
    such a reader, setting no cookie (as one that used a CSRF token does), varying with
    nothing and carrying no CSP nonce."""
    match = request.resolver_match
    return (
        match is not None
        and getattr(match.func, "is_public_page", False)
        and reader_without_session(request)
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


class PageCacheMiddleware:
    """Serve public pages from the cache, and keep those it did not have.

    The look-up waits until the address is resolved (process_view), so that only public
    pages cost one; a hit skips the view and its queries, and goes back up through the
    other middleware as any answer does: ConditionalGetMiddleware answers 304 from it,
    head_without_body empties it for HEAD. Placed high, above SessionMiddleware, so that
    what it keeps has every header the middleware below add.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code not in {200, 304} or not same_for_every_reader(request, response):
            return response
        if settings.CDN_CACHE_SECONDS:
            let_shared_caches_keep(response)
        key = getattr(request, "page_cache_key", None)
        if key and response.status_code == 200:
            cache.set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (
            settings.PAGE_CACHE_SECONDS
            and getattr(view_func, "is_public_page", False)
            and reader_without_session(request)
            and KEPT_QUERY.fullmatch(request.META.get("QUERY_STRING", ""))
        ):
            return None
        version = content_version()
        if version is None:
            return None
        key = entry_key(version["token"], request)
        if (response := cache.get(key)) is not None:
            response[STATUS_HEADER] = "hit"
            return response
        request.page_cache_key = key
        return None


def let_shared_caches_keep(response):
    """Let a CDN or reverse proxy keep the page for CDN_CACHE_SECONDS, and serve it stale
    for CDN_STALE_SECONDS more while it asks again; browsers still revalidate each time."""
    del response["Cache-Control"]
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)
    if settings.CDN_STALE_SECONDS:
        patch_cache_control(response, stale_while_revalidate=settings.CDN_STALE_SECONDS)
