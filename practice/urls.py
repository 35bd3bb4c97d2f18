from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from two_factor.urls import urlpatterns as two_factor_urls

from blog.sitemaps import CategorySitemap, PostSitemap

from . import views
from .caching import public_page
from .sitemaps import (
    FixedPageSitemap,
    PageSitemap,
    ServiceSitemap,
    TherapistSitemap,
    sitemap_xml,
)

sitemaps = {
    "site": FixedPageSitemap,
    "pages": PageSitemap,
    "services": ServiceSitemap,
    "therapists": TherapistSitemap,
    "posts": PostSitemap,
    "categories": CategorySitemap,
}

# The 500 page must render without the database (practice.views.server_error).
handler500 = "practice.views.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemap_xml),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("blog/", include("blog.urls")),
    path("book/", include("booking.urls")),
    # Staff sign-in: password, then a code from an authenticator app; enrolment.
    path("admin/", include(two_factor_urls)),
    path("admin/", admin.site.urls),
    path("services/<slug:slug>/", views.ServiceView.as_view(), name="service"),
    path(
        "services/<slug:slug>/preview/",
        views.ServicePreviewView.as_view(),
        name="service_preview",
    ),
    path("therapists/", views.TherapistListView.as_view(), name="therapists"),
    path("therapists/<slug:slug>/", views.TherapistView.as_view(), name="therapist"),
    # Uploads at their address on this site, which Markdown bodies keep: a redirect to the
    # bucket, or the file on disk in development.
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", views.media_file, name="media_file"),
    # The practice's own pages, at /<slug>/: last, so that they never hide the site's own.
    path("<slug:slug>/", views.PageView.as_view(), name="page"),
    path("<slug:slug>/preview/", views.PagePreviewView.as_view(), name="page_preview"),
]
