"""The blog every benchmark measures: POSTS posts by one therapist, in 8 categories, each
with 3 of 40 tags, published an hour apart, with a body a little under 6,000 characters."""

from datetime import timedelta

from django.utils import timezone

from blog.models import Category, Post, Tag
from blog.search import refresh_search_documents
from practice.models import Therapist

PARAGRAPH = (
    "Trust is rebuilt through repeated experiences of safety, accountability and "
    "emotional honesty, and through conversations that feel safer over time. "
) * 6


def fill_database(posts):
    """Fill an empty database; post n is at /blog/article-n/, the newest is article 0."""
    morgan = Therapist.objects.create(name="Morgan", slug="morgan", notification_email="m@x.test")
    categories = [
        Category.objects.create(name=f"Category {n}", slug=f"category-{n}") for n in range(8)
    ]
    tags = [Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(40)]
    now = timezone.now()
    body = "\n\n".join(f"## Section {n}\n\n{PARAGRAPH}" for n in range(8))
    Post.objects.bulk_create(
        Post(
            title=f"Article number {n} about trust",
            slug=f"article-{n}",
            summary="A summary of the article for lists and feeds.",
            body=body,
            body_html=f"<p>{PARAGRAPH}</p>" * 8,
            author=morgan,
            category=categories[n % len(categories)],
            status=Post.Status.PUBLISHED,
            publish_at=now - timedelta(hours=n),
        )
        for n in range(posts)
    )
    refresh_search_documents(Post.objects.all())  # what save() does, post by post
    through = Post.tags.through
    through.objects.bulk_create(
        through(post_id=post.pk, tag_id=tags[(post.pk + k) % len(tags)].pk)
        for post in Post.objects.only("pk")
        for k in range(3)
    )
