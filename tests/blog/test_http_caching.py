"""Public pages may be kept by browsers and proxies, which revalidate them with their ETag."""

import pytest
from django.utils.cache import get_max_age

from tests.parsing import card_titles

PUBLIC_PAGES = [
    "home",
    "privacy",
    "robots.txt",
    "sitemap",
    "index",
    "post",
    "category",
    "tag",
    "search",
    "rss",
    "atom",
]


@pytest.fixture
def urls(make_post, make_tag, category):
    post = make_post("Rebuilding trust", tags=[make_tag("Trust")])
    return {
        "home": "/",
        "privacy": "/privacy/",
        "robots.txt": "/robots.txt",
        "sitemap": "/sitemap.xml",
        "index": "/blog/",
        "post": post.get_absolute_url(),
        "category": category.get_absolute_url(),
        "tag": "/blog/tag/trust/",
        "search": "/blog/search/?q=trust",
        "rss": "/blog/feed/",
        "atom": "/blog/feed/atom/",
    }


def cache_directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_may_be_cached_but_is_revalidated(client, urls, page):
    response = client.get(urls[page])

    assert response.status_code == 200
    assert {"public", "no-cache"} <= cache_directives(response)
    assert get_max_age(response) is None
    assert response["ETag"]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_unchanged_page_answers_a_conditional_request_with_304(client, urls, page):
    etag = client.get(urls[page])["ETag"]

    response = client.get(urls[page], headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_a_new_post_changes_the_index_etag(client, urls, make_post):
    etag = client.get(urls["index"])["ETag"]
    make_post("Just published")

    response = client.get(urls["index"], headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "Just published" in card_titles(response.content.decode())
