from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.functional import cached_property

from .models import Category, Post


class PostSitemap(Sitemap):
    """Every published post: crawlers fetch this list of thousands whole, so each entry is
    a (slug, last change) pair, not a post, and its address is made without a reverse()."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # In the order of the index that holds both (Post.Meta.indexes), not read from
        # the table's rows, which carry the whole article.
        return (
            Post.objects.published()
            .order_by("-publish_at", "-pk")
            .values_list("slug", "updated_at")
        )

    def location(self, item):
        slug, _ = item
        before, after = self.address_around_slug
        return f"{before}{slug}{after}"

    def lastmod(self, item):
        _, updated_at = item
        return updated_at

    @cached_property
    def address_around_slug(self):
        """What comes before and after the slug in a post's address."""
        return reverse("blog:post", kwargs={"slug": "-"}).rsplit("-", 1)


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        has_posts = Exists(Post.objects.published().filter(category=OuterRef("pk")))
        return Category.objects.filter(has_posts).only("slug")
