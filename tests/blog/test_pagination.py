"""Lists show ten posts a page, newest first; a page that cannot exist is not found."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.parsing import card_titles, find_all

LISTS = {
    "index": ("/blog/", {}),
    "category": ("/blog/category/relationship-therapy/", {}),
    "tag": ("/blog/tag/trust/", {}),
    "search": ("/blog/search/", {"q": "article"}),
}


@pytest.fixture
def eleven_posts(make_post, make_tag):
    """Newest first, an hour apart, all in the same category and tag."""
    now = timezone.now()
    tags = [make_tag("Trust")]
    return [
        make_post(f"Article {number}", tags=tags, publish_at=now - timedelta(hours=number))
        for number in range(1, 12)
    ]


@pytest.mark.parametrize(("path", "params"), LISTS.values(), ids=LISTS.keys())
def test_first_page_shows_the_ten_newest_posts_newest_first(client, eleven_posts, path, params):
    html = client.get(path, params).content.decode()

    assert card_titles(html) == [post.title for post in eleven_posts[:10]]
    [older] = find_all(html, "a", rel="next")
    assert "page=2" in older.attrs["href"]


@pytest.mark.parametrize(("path", "params"), LISTS.values(), ids=LISTS.keys())
def test_second_page_shows_the_rest(client, eleven_posts, path, params):
    html = client.get(path, {**params, "page": "2"}).content.decode()

    assert card_titles(html) == [eleven_posts[10].title]
    assert not find_all(html, "a", rel="next")


@pytest.mark.parametrize(
    "page",
    ["abc", "1.5", "2x", "0", "-1", "3", "99999999999999999999", "last", "+2", "1_0", "²"],
)
@pytest.mark.parametrize(("path", "params"), LISTS.values(), ids=LISTS.keys())
def test_a_page_that_cannot_exist_is_not_found(client, eleven_posts, path, params, page):
    assert client.get(path, {**params, "page": page}).status_code == 404


def test_an_empty_blog_has_a_first_page_but_no_second(client, db):
    assert client.get("/blog/").status_code == 200
    assert client.get("/blog/", {"page": "2"}).status_code == 404
