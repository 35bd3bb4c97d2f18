from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat, Substr
from django.urls import reverse

from .models import Category, Post


class PostSitemap(Sitemap):
    """Every published post. Crawlers fetch this list of thousands whole, so the database
    writes each post's entry (written_entries) from an index that holds the slug and the
    date (Post.Meta.indexes), never reading the rows, which carry whole articles."""

    changefreq = "monthly"
    priority = 0.8

    def written_entries(self, site):
        """Each post's <url> element. Its date is the day of the last change in UTC:
        the sitemap protocol's dates need no time zone, and working out the site's
        own day took Python longer than the rest of the sitemap."""
        before, after = reverse("blog:post", kwargs={"slug": "-"}).rsplit("-", 1)
        entry = Concat(
            Value(f"<url><loc>{escape(site + before)}"),
            "slug",
            Value(f"{escape(after)}</loc><lastmod>"),
            Substr(Cast("updated_at", CharField()), 1, 10),
            Value(
                f"</lastmod><changefreq>{self.changefreq}</changefreq>"
                f"<priority>{self.priority}</priority></url>"
            ),
            output_field=CharField(),
        )
        return Post.objects.published().order_by("-publish_at", "-pk").values_list(entry, flat=True)


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        has_posts = Exists(Post.objects.published().filter(category=OuterRef("pk")))
        return Category.objects.filter(has_posts).only("slug")
