"""A post page shows the article, who wrote it and when, where it belongs, and how to book."""

from datetime import UTC, datetime

import pytest

from practice.models import Therapist
from tests.parsing import find_all


@pytest.fixture
def post(make_post, make_tag):
    return make_post(
        "Rebuilding trust",
        body="## First steps\n\n" + "word " * 219,
        publish_at=datetime(2026, 3, 10, 14, 0, tzinfo=UTC),
        tags=[make_tag("Trust"), make_tag("Couples")],
    )


def page(client, post):
    return client.get(post.get_absolute_url()).content.decode()


def test_shows_title_publish_date_author_reading_time_and_body(client, post):
    html = page(client, post)

    [title] = find_all(html, "h1")
    [published] = find_all(html, "time")
    [meta] = find_all(html, "p", class_="post-meta")
    assert title.text == "Rebuilding trust"
    assert datetime.fromisoformat(published.attrs["datetime"]) == post.publish_at
    assert published.text == "March 10, 2026"
    assert meta.text.endswith("By Morgan · 2 min read")
    assert [
        heading.text for heading in find_all(html, "h2") if heading.is_inside(class_="prose")
    ] == ["First steps"]


def test_links_to_its_category_and_tags(client, post, category):
    html = page(client, post)

    tag_links = [link for link in find_all(html, "a") if link.is_inside("ul", class_="tag-list")]
    [learn_more] = find_all(html, "a", class_="learn-more")
    assert [(link.text, link.attrs["href"]) for link in tag_links] == [
        ("Couples", "/blog/tag/couples/"),
        ("Trust", "/blog/tag/trust/"),
    ]
    assert learn_more.text == "Learn more about Relationship Therapy"
    assert learn_more.attrs["href"] == category.get_absolute_url()


def test_invites_readers_to_book_with_the_author_by_name(client, make_post):
    author = Therapist.objects.create(
        name="Avery Quinn", slug="avery-quinn", notification_email="avery@example.com"
    )

    html = page(client, make_post(author=author))

    [heading] = find_all(html, "h2", id="cta-heading")
    [button] = [link for link in find_all(html, "a") if link.is_inside("aside", class_="cta")]
    assert heading.text == "Interested in booking therapy with Avery Quinn?"
    assert button.attrs["href"].startswith("/book/")


def test_shows_the_featured_image_with_its_alt_text(client, make_post, featured_image):
    post = make_post(featured_image=featured_image, featured_image_alt="A calm lake at dawn.")

    html = page(client, post)

    [image] = [img for img in find_all(html, "img") if img.is_inside("article")]
    assert image.attrs["alt"] == "A calm lake at dawn."
