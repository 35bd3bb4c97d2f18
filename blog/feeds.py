from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from practice.models import Practice
from practice.text import multiline, one_line

from .models import Post

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    """The latest posts. Text passes through practice.text on the way out too: XML refuses
    control characters, and one stored before they were tidied must not break the feed."""

    link = reverse_lazy("blog:index")
    description = "New articles from the practice."

    def __call__(self, request, *args, **kwargs):
        """Django writes a feed in thousands of small pieces, which the server would send
        one by one (a tenth of a post page's speed, even from the page cache); they go
        as one."""
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content
        return response

    def title(self):
        return f"{one_line(Practice.get_solo().name)}: articles"

    def items(self):
        return (
            Post.objects.published()
            .select_related("author", "category")
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return one_line(item.title)

    def item_description(self, item):
        summary = multiline(item.summary)
        if item.content_note:
            return f"Content note: {multiline(item.content_note)}\n\n{summary}"
        return summary

    def item_author_name(self, item):
        return one_line(item.author.name)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [one_line(item.category.name)]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description
