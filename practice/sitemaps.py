from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
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


def sitemap_xml(request, sitemaps):
    """Django's sitemap, its entries written out directly: the template engine alone took
    most of a second over 10,000 posts. Django's view still finds the entries (and the
    Last-Modified date); its response is never rendered."""
    found = sitemap(request, sitemaps)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *map(url_element, found.context_data["urlset"]),
        "</urlset>",
    ]
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    if "Last-Modified" in found:
        response["Last-Modified"] = found["Last-Modified"]
    return response


def url_element(url):
    parts = [f"<url><loc>{escape(url['location'])}</loc>"]
    if url["lastmod"]:
        parts.append(f"<lastmod>{url['lastmod']:%Y-%m-%d}</lastmod>")
    if url["changefreq"]:
        parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
    if url["priority"]:
        parts.append(f"<priority>{url['priority']}</priority>")
    parts.append("</url>")
    return "".join(parts)
