"""The post page and the index cost the same few queries however many posts and tags exist."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.parsing import card_titles

# The post with its author and category, its tags, previous, next and related posts, and
# the practice's default therapist, whose booking call to action links to /book/.
POST_PAGE_QUERIES = 6
# The page's posts with their categories, and the count the paginator needs.
INDEX_QUERIES = 2


@pytest.fixture(params=[1, 50], ids=["1 post", "50 posts"])
def posts(request, make_post, make_tag):
    """Posts a day apart, each with three tags shared with its neighbours."""
    tags = [make_tag(f"Tag {number}") for number in range(6)]
    now = timezone.now()
    return [
        make_post(tags=tags[number % 4 : number % 4 + 3], publish_at=now - timedelta(days=number))
        for number in range(request.param)
    ]


def test_post_page(client, posts, django_assert_num_queries):
    post = posts[len(posts) // 2]

    with django_assert_num_queries(POST_PAGE_QUERIES):
        response = client.get(post.get_absolute_url())

    assert response.context["post"] == post


def test_index(client, posts, django_assert_num_queries):
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get("/blog/")

    assert len(card_titles(response.content.decode())) == min(len(posts), 10)
