"""The blog's posts, for pages elsewhere on the site (home, services, profiles) to show,
without those pages' code importing the blog."""

from django import template

from blog.models import Post

register = template.Library()


@register.simple_tag
def latest_posts(limit=3, **filters):
    """The newest published posts, optionally narrowed: `category__service=…`, `author=…`."""
    return Post.objects.published().for_listing().filter(**filters).newest_first()[:limit]
