"""A scheduled post appears everywhere at its time, with no job to run and no stale copy kept."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

PUBLISH_AT = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
PLACES = ["/", "/blog/", "/blog/feed/", "/blog/feed/atom/", "/sitemap.xml"]


@pytest.fixture
def scheduled(make_post):
    """A post written well before its time, beside a post edited since, which is what sets
    the site's Last-Modified until the scheduled one appears."""
    with time_machine.travel(PUBLISH_AT - timedelta(days=3), tick=False):
        post = make_post("Why rest is not a reward", slug="rest", publish_at=PUBLISH_AT)
    with time_machine.travel(PUBLISH_AT - timedelta(days=1), tick=False):
        make_post("An earlier post", publish_at=PUBLISH_AT - timedelta(days=10))
    return post


def shows(response, post):
    return post.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("path", PLACES)
def test_the_post_appears_at_its_time_even_to_a_client_holding_an_earlier_copy(
    client, scheduled, path
):
    with time_machine.travel(PUBLISH_AT - SECOND, tick=False):
        before = client.get(path)
        assert not shows(before, scheduled)
        validators = {"If-None-Match": before["ETag"]}
        if "Last-Modified" in before:
            validators["If-Modified-Since"] = before["Last-Modified"]

    with time_machine.travel(PUBLISH_AT, tick=False):
        after = client.get(path, headers=validators)

    assert after.status_code == 200
    assert shows(after, scheduled)


@pytest.mark.parametrize("path", ["/blog/feed/", "/blog/feed/atom/"])
def test_a_feed_reader_asking_only_if_modified_since_gets_the_new_post(client, scheduled, path):
    with time_machine.travel(PUBLISH_AT - SECOND, tick=False):
        last_modified = client.get(path)["Last-Modified"]

    with time_machine.travel(PUBLISH_AT, tick=False):
        after = client.get(path, headers={"If-Modified-Since": last_modified})

    assert after.status_code == 200
    assert shows(after, scheduled)


def test_the_post_page_itself_opens_at_its_time(client, scheduled):
    with time_machine.travel(PUBLISH_AT - SECOND, tick=False):
        assert client.get("/blog/rest/").status_code == 404

    with time_machine.travel(PUBLISH_AT, tick=False):
        assert client.get("/blog/rest/").status_code == 200
