from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Post

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    title = f"{settings.PRACTICE_NAME}: articles"
    link = reverse_lazy("blog:index")
    description = "New articles from the practice."

    def items(self):
        return (
            Post.objects.published()
            .select_related("author", "category")
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.author.name

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description
