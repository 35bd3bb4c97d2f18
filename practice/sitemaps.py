from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

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
    """The sitemap, written out directly: Django's view, which builds a dictionary per
    entry and renders them through a template, took most of a second over 10,000 posts.
    Each section's items, location, lastmod, changefreq and priority are read as Django
    reads them, unless the section writes its own (PostSitemap.written_entries); one page
    is enough below the protocol's 50,000 entries."""
    site = f"{request.scheme}://{request.get_host()}"
    zone = timezone.get_current_timezone()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for section in (make() for make in sitemaps.values()):
        if hasattr(section, "written_entries"):
            lines.extend(section.written_entries(site))
            continue
        lastmod = getattr(section, "lastmod", None)
        lines.extend(
            url_element(
                site + section.location(item),
                lastmod(item).astimezone(zone).date() if lastmod else None,
                getattr(section, "changefreq", None),
                getattr(section, "priority", None),
            )
            for item in section.items()
        )
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines), content_type="application/xml")


def url_element(location, lastmod, changefreq, priority):
    parts = [f"<url><loc>{escape(location)}</loc>"]
    if lastmod:
        parts.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
    if changefreq:
        parts.append(f"<changefreq>{changefreq}</changefreq>")
    if priority:
        parts.append(f"<priority>{priority}</priority>")
    parts.append("</url>")
    return "".join(parts)
