"""Previous and Next on a post walk the published posts by publish time; Next is the newer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Post
from tests.parsing import find_all


def navigation_links(client, post):
    """The post page's Previous and Next links, keyed by their `rel`."""
    html = client.get(post.get_absolute_url()).content.decode()
    return {
        link.attrs["rel"]: link
        for link in find_all(html, "a")
        if link.is_inside("nav") and link.attrs.get("rel") in {"prev", "next"}
    }


@pytest.fixture
def three_posts(make_post):
    """Oldest first, a day apart."""
    start = timezone.now() - timedelta(days=10)
    return [
        make_post(f"Day {day} post", publish_at=start + timedelta(days=day)) for day in range(3)
    ]


def test_links_lead_to_the_older_and_newer_neighbours_and_show_their_titles(client, three_posts):
    older, post, newer = three_posts

    links = navigation_links(client, post)

    assert links["prev"].attrs["href"] == older.get_absolute_url()
    assert links["prev"].text == f"Previous {older.title}"
    assert links["next"].attrs["href"] == newer.get_absolute_url()
    assert links["next"].text == f"Next {newer.title}"


def test_oldest_post_has_no_previous_link(client, three_posts):
    assert set(navigation_links(client, three_posts[0])) == {"next"}


def test_newest_post_has_no_next_link(client, three_posts):
    assert set(navigation_links(client, three_posts[-1])) == {"prev"}


def test_a_lone_post_has_no_navigation(client, make_post):
    assert navigation_links(client, make_post()) == {}


def test_posts_published_at_the_same_moment_are_ordered_by_id(client, make_post):
    moment = timezone.now() - timedelta(days=1)
    first, second, third = (make_post(publish_at=moment) for _ in range(3))

    links = navigation_links(client, second)

    assert links["prev"].attrs["href"] == first.get_absolute_url()
    assert links["next"].attrs["href"] == third.get_absolute_url()
    assert set(navigation_links(client, first)) == {"next"}
    assert set(navigation_links(client, third)) == {"prev"}


def test_links_skip_drafts_and_scheduled_posts(client, make_post):
    now = timezone.now()
    older = make_post(publish_at=now - timedelta(days=3))
    make_post(status=Post.Status.DRAFT, publish_at=now - timedelta(days=2))
    post = make_post(publish_at=now - timedelta(days=1))
    make_post(publish_at=now + timedelta(days=1))

    assert navigation_links(client, older)["next"].attrs["href"] == post.get_absolute_url()
    assert set(navigation_links(client, post)) == {"prev"}
