"""The home page, the post page and the index cost the same few queries however many posts
and tags exist."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.parsing import card_titles

# Every page's chrome: the practice's details, with the pages its header and footer link
# to read in the same query.
CHROME_QUERIES = 1
# The post with its author, category and the category's service, and its previous and
# next posts; its tags; the related posts.
POST_PAGE_QUERIES = 3 + CHROME_QUERIES
# The page's posts with their categories, and the count the paginator needs.
INDEX_QUERIES = 2 + CHROME_QUERIES
# The services, the default therapist (the photo), the latest posts, and the therapists
# for the practice's structured data.
HOME_QUERIES = 4 + CHROME_QUERIES


@pytest.fixture(params=[1, 10, 50], ids=["1 post", "10 posts", "50 posts"])
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


def test_home(client, posts, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert len(card_titles(response.content.decode())) == min(len(posts), 3)
