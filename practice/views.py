from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from blog.models import Post

from .caching import public_page
from .seo import PageMeta

HOME_LATEST_POSTS = 3


@method_decorator(public_page, name="dispatch")
class PublicPage(TemplateView):
    """A site-wide page with its head metadata."""

    meta = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(meta=self.meta, **kwargs)


class HomeView(PublicPage):
    template_name = "home.html"
    meta = PageMeta(title=settings.PRACTICE_NAME, description=settings.PRACTICE_TAGLINE)

    def get_context_data(self, **kwargs):
        latest = Post.objects.published().for_listing().newest_first()[:HOME_LATEST_POSTS]
        return super().get_context_data(latest_posts=latest, **kwargs)


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
    """For load balancers and uptime checks: 200 while the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
