"""A kept page is never stale: any save or delete of what public pages show, a scheduled
post's time, a release or a re-render makes the next request render the page again."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from blog.models import Category, Post
from practice.models import Therapist
from tests.parsing import card_titles, find_all

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
MODELS = ["post", "category", "tag", "therapist", "practice", "page", "service", "question"]


def cache_status(response):
    return response.get("X-Page-Cache")


def reads(response):
    """The page's text, as a reader sees it."""
    return find_all(response.content.decode(), "body")[0].text


@pytest.fixture
def shown(practice, make_post, make_tag, make_page, service):
    """For each kind of content: an object, its field that a public page shows, and that page."""
    practice.name = "Harbour Counselling"
    practice.save()
    post = make_post("Rebuilding trust", tags=[make_tag("Trust")])
    colleague = Therapist.objects.create(
        name="Avery Lee", slug="avery", notification_email="avery@example.com"
    )
    return {
        "post": (post, "title", "/blog/"),
        "category": (
            Category.objects.create(name="Grief", slug="grief"),
            "name",
            "/blog/category/grief/",
        ),
        "tag": (post.tags.get(), "name", "/blog/tag/trust/"),
        "therapist": (colleague, "name", "/therapists/"),
        "practice": (practice, "name", "/"),
        "page": (make_page("About the practice", slug="about"), "title", "/about/"),
        "service": (service, "name", service.get_absolute_url()),
        "question": (service.questions.get(), "question", service.get_absolute_url()),
    }


def keep(client, url):
    """Have the page kept, as a first reader's request does."""
    client.get(url)
    assert cache_status(client.get(url)) == "hit"


@pytest.mark.parametrize("model", MODELS)
def test_a_saved_change_shows_on_the_next_request(client, shown, model):
    obj, field, url = shown[model]
    keep(client, url)

    setattr(obj, field, "Renamed for the test")
    obj.save()
    response = client.get(url)

    assert cache_status(response) == "miss"
    assert "Renamed for the test" in reads(response)


@pytest.mark.parametrize("model", MODELS)
def test_a_deletion_shows_on_the_next_request(client, shown, model):
    obj, field, url = shown[model]
    keep(client, url)
    assert getattr(obj, field) in reads(client.get(url))

    obj.delete()
    response = client.get(url)

    assert cache_status(response) != "hit"
    assert getattr(obj, field) not in reads(response)


def test_a_tag_given_to_a_post_shows_on_the_tag_page_at_once(client, make_post, make_tag):
    post, rest = make_post("Why rest is not a reward"), make_tag("Rest")
    keep(client, "/blog/tag/rest/")

    post.tags.add(rest)

    assert card_titles(client.get("/blog/tag/rest/").content.decode()) == [post.title]


def test_an_unpublished_post_leaves_every_kept_page_at_once(client, make_post):
    post = make_post("Rebuilding trust")
    for url in ["/blog/", post.get_absolute_url()]:
        keep(client, url)

    post.status = Post.Status.DRAFT
    post.save()

    assert card_titles(client.get("/blog/").content.decode()) == []
    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_scheduled_post_appears_at_its_time_with_nothing_saved(client, make_post):
    with time_machine.travel(NOW, tick=False) as traveller:
        make_post("Already out")
        make_post("Coming soon", publish_at=NOW + timedelta(minutes=5))
        keep(client, "/blog/")

        traveller.shift(timedelta(minutes=5) - timedelta(seconds=1))
        assert cache_status(client.get("/blog/")) == "hit"
        traveller.shift(timedelta(seconds=1))
        response = client.get("/blog/")

    assert cache_status(response) == "miss"
    assert card_titles(response.content.decode()) == ["Coming soon", "Already out"]


def test_a_page_kept_before_a_change_was_committed_is_not_served_after_it(
    client, make_post, django_capture_on_commit_callbacks
):
    post = make_post("Rebuilding trust")
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Rebuilding trust, slowly"
        post.save()
        # Stands for another reader's request in that moment, which would still read and
        # keep the page as it was before the commit.
        client.get("/blog/")

    assert cache_status(client.get("/blog/")) == "miss"


def test_after_a_release_no_page_rendered_before_it_is_served(client, make_post):
    make_post("Rebuilding trust")
    keep(client, "/blog/")

    call_command("migrate", verbosity=0)

    assert cache_status(client.get("/blog/")) == "miss"


def test_posts_rendered_again_show_on_kept_pages(client, make_post):
    post = make_post("Rebuilding trust", body="Trust comes back *slowly*.")
    Post.objects.filter(pk=post.pk).update(body_html="<p>As rendered by an older release.</p>")
    keep(client, post.get_absolute_url())

    call_command("rerender_posts", stdout=io.StringIO())
    response = client.get(post.get_absolute_url())

    assert "Trust comes back slowly." in reads(response)
