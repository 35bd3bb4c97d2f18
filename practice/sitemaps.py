from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    """The site's fixed pages."""

    changefreq = "weekly"

    def items(self):
        return ["home", "blog:index", "booking:book", "privacy"]

    def location(self, item):
        return reverse(item)
