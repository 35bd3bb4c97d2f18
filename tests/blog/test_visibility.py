"""Drafts and scheduled posts stay out of every public place until their moment comes."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from blog.models import Post

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)

# Where a reader or a crawler could meet a post, and the visible post each place should show.
PUBLIC_PLACES = {
    "home": ("/", "published"),
    "index": ("/blog/", "published"),
    "category": ("/blog/category/relationship-therapy/", "published"),
    "tag": ("/blog/tag/trust/", "published"),
    "search": ("/blog/search/?q=trust", "published"),
    "rss": ("/blog/feed/", "published"),
    "atom": ("/blog/feed/atom/", "published"),
    "sitemap": ("/sitemap.xml", "published"),
    "older post's next and related": ("/blog/older/", "published"),
    "newest post's previous and related": ("/blog/published/", "older"),
}


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def posts(frozen_now, make_post, make_tag):
    """Two visible posts and two hidden ones, all sharing a category, a tag and a search word,
    so that each hidden post would show beside the visible ones if anything let it through."""
    shared = {"tags": [make_tag("Trust")], "body": "A few words on trust."}
    return {
        "older": make_post(
            "Older post", slug="older", publish_at=NOW - timedelta(hours=2), **shared
        ),
        "draft": make_post(
            "Draft post",
            slug="draft",
            status=Post.Status.DRAFT,
            publish_at=NOW - timedelta(hours=1),
            **shared,
        ),
        "published": make_post(
            "Published a second ago", slug="published", publish_at=NOW - SECOND, **shared
        ),
        "scheduled": make_post(
            "Scheduled a second ahead", slug="scheduled", publish_at=NOW + SECOND, **shared
        ),
    }


def test_published_means_published_status_and_a_publish_time_not_in_the_future(posts):
    assert set(Post.objects.published()) == {posts["older"], posts["published"]}


def test_a_post_is_published_at_its_exact_publish_time(frozen_now, make_post):
    on_the_dot = make_post(publish_at=frozen_now)

    assert list(Post.objects.published()) == [on_the_dot]


@pytest.mark.parametrize("hidden", ["draft", "scheduled"])
def test_hidden_post_page_is_not_found(client, posts, hidden):
    assert client.get(posts[hidden].get_absolute_url()).status_code == 404


def test_post_published_a_second_ago_can_be_read(client, posts):
    response = client.get(posts["published"].get_absolute_url())

    assert response.status_code == 200
    assert response.context["post"] == posts["published"]


@pytest.mark.parametrize(("url", "shown"), PUBLIC_PLACES.values(), ids=PUBLIC_PLACES.keys())
def test_hidden_posts_appear_nowhere(client, posts, url, shown):
    content = client.get(url).content.decode()

    assert posts[shown].get_absolute_url() in content
    assert posts["draft"].get_absolute_url() not in content
    assert posts["scheduled"].get_absolute_url() not in content


def test_scheduled_post_appears_once_its_time_comes(client, posts):
    with time_machine.travel(NOW + SECOND, tick=False):
        post_page = client.get(posts["scheduled"].get_absolute_url())
        index = client.get("/blog/").content.decode()

    assert post_page.status_code == 200
    assert posts["scheduled"].get_absolute_url() in index
