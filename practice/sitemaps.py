from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Page, Service, Therapist


class FixedPageSitemap(Sitemap):
    """The site's own pages."""

    changefreq = "weekly"

    def items(self):
        return ["home", "blog:index", "booking:book", "therapists"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


class ServiceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Service.objects.published().only("slug")


class TherapistSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Therapist.objects.only("slug")
