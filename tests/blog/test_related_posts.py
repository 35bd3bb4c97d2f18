"""Up to three suggestions: posts sharing a tag or the category first, then the newest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Category, Post
from tests.parsing import find_all


def related_titles(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    return [
        link.text
        for link in find_all(html, "a")
        if link.is_inside("section", class_="related") and link.is_inside(class_="post-card__title")
    ]


@pytest.fixture
def other_category(db):
    return Category.objects.create(name="Individual Therapy", slug="individual-therapy")


@pytest.fixture
def days_ago():
    now = timezone.now()
    return lambda days: now - timedelta(days=days)


def test_posts_sharing_a_tag_or_the_category_come_first_newest_first(
    client, make_post, make_tag, other_category, days_ago
):
    trust = make_tag("Trust")
    post = make_post("The post", tags=[trust], publish_at=days_ago(10))
    make_post("Same category", publish_at=days_ago(2))
    make_post("Same tag", category=other_category, tags=[trust], publish_at=days_ago(3))
    make_post("Same category, older", publish_at=days_ago(20))
    make_post("Unrelated and newest", category=other_category, publish_at=days_ago(1))

    assert related_titles(client, post) == ["Same category", "Same tag", "Same category, older"]


def test_too_few_related_posts_are_filled_with_the_latest(
    client, make_post, make_tag, other_category, days_ago
):
    post = make_post("The post", tags=[make_tag("Trust")], publish_at=days_ago(1))
    make_post(
        "Same tag, oldest",
        category=other_category,
        tags=[make_tag("Trust")],
        publish_at=days_ago(30),
    )
    make_post("Unrelated, older", category=other_category, publish_at=days_ago(5))
    make_post("Unrelated, newer", category=other_category, publish_at=days_ago(4))
    make_post("Unrelated, newest", category=other_category, publish_at=days_ago(3))

    assert related_titles(client, post) == [
        "Same tag, oldest",
        "Unrelated, newest",
        "Unrelated, newer",
    ]


def test_never_suggests_the_post_itself_or_unpublished_posts(client, make_post, days_ago):
    post = make_post("The post", publish_at=days_ago(1))
    make_post("Draft", status=Post.Status.DRAFT, publish_at=days_ago(2))
    make_post("Scheduled", publish_at=days_ago(-1))
    make_post("Published", publish_at=days_ago(3))

    assert related_titles(client, post) == ["Published"]


def test_a_lone_post_has_no_related_section(client, make_post):
    html = client.get(make_post().get_absolute_url()).content.decode()

    assert not find_all(html, "section", class_="related")
