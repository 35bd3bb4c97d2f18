import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .caching import public_page
from .seo import PageMeta

logger = logging.getLogger(__name__)


@method_decorator(public_page, name="dispatch")
class PublicPage(TemplateView):
    """A site-wide page with its head metadata."""

    meta = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(meta=self.meta, **kwargs)


class HomeView(PublicPage):
    template_name = "home.html"
    meta = PageMeta(title=settings.PRACTICE_NAME, description=settings.PRACTICE_TAGLINE)


class PrivacyView(PublicPage):
    template_name = "privacy.html"
    meta = PageMeta(
        title="Privacy notice",
        description="What this site stores about you, why, and for how long.",
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            booking_retention_days=settings.BOOKING_RETENTION_DAYS,
            spam_retention_days=settings.BOOKING_SPAM_RETENTION_DAYS,
            **kwargs,
        )


class RobotsView(PublicPage):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


@never_cache
def healthz(request):
    """For load balancers and uptime checks: 200 while the database answers, else 503.

    The cache only saves work, and the site serves without it, so a cache that does not
    answer keeps the 200 but is reported as degraded, and logged.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database: unavailable\n", status=503, content_type="text/plain")
    cache_state = "ok" if cache_answers() else "degraded"
    if cache_state == "degraded":
        logger.warning("Health check: the cache does not answer; the site runs without it.")
    return HttpResponse(f"database: ok\ncache: {cache_state}\n", content_type="text/plain")


def cache_answers():
    """Whether the cache keeps what it is given; a key of its own, so checks never cross."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    answered = cache.get(key) == value
    cache.delete(key)
    return answered
