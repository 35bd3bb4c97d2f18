"""`manage.py load_demo_content` builds the demo site once, however often it runs."""

import io

import pytest
from django.core.management import call_command

from blog.models import Category, Post, Tag
from practice.models import Therapist
from tests.parsing import find_all

TRUST_SLUG = "how-to-rebuild-trust-in-relationships"
TRUST_SECTIONS = [
    "What trust means in a relationship",
    "How trust gets broken",
    "Why rebuilding trust feels so hard",
    "What rebuilding trust requires",
    "Communication and trust repair",
    "When to seek couples therapy",
    "Moving forward",
]
NEXT_TITLE = "Beyond Fight or Flight: Understanding Our Trauma Responses"
# What the original page showed around the article, which our templates now generate.
SITE_CHROME = [
    "Connect Here",
    "Interested in Booking Therapy",
    "Related Blog Posts",
    "Learn more about",
    NEXT_TITLE,
]


def load_demo_content():
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def record_counts():
    return {model.__name__: model.objects.count() for model in (Therapist, Category, Tag, Post)}


@pytest.fixture
def demo(db):
    load_demo_content()


@pytest.fixture
def trust(demo):
    return Post.objects.get(slug=TRUST_SLUG)


def navigation_link(client, post, rel):
    html = client.get(post.get_absolute_url()).content.decode()
    [link] = find_all(html, "a", rel=rel)
    return link


def test_creates_morgan_the_category_and_published_posts_with_tags(demo):
    morgan = Therapist.objects.get(name="Morgan")
    relationship_therapy = Category.objects.get(name="Relationship Therapy")

    assert relationship_therapy.description
    assert Post.objects.published().count() >= 5
    assert set(Post.objects.values_list("author", flat=True)) == {morgan.pk}
    assert not Post.objects.filter(tags=None).exists()


def test_running_again_changes_nothing(demo):
    before = record_counts()

    output = load_demo_content()

    assert record_counts() == before
    assert "0 new post(s)" in output


def test_trust_article_keeps_its_seven_sections_in_sentence_case(trust):
    headings = [line[3:] for line in trust.body.splitlines() if line.startswith("## ")]

    assert headings == TRUST_SECTIONS
    assert trust.title == "How to Rebuild Trust in Relationships"
    assert trust.category.name == "Relationship Therapy"


def test_trust_article_ends_where_the_original_article_ended(trust):
    assert trust.body.rstrip().endswith(
        "If trust challenges are impacting your relationship, "
        "professional support can help guide the healing process."
    )
    for chrome in SITE_CHROME:
        assert chrome not in trust.body


def test_trust_article_page_shows_every_section(client, trust):
    html = client.get(trust.get_absolute_url()).content.decode()

    assert [
        heading.text for heading in find_all(html, "h2") if heading.is_inside(class_="prose")
    ] == TRUST_SECTIONS


def test_next_from_the_trust_article_leads_to_beyond_fight_or_flight_and_back(client, trust):
    next_link = navigation_link(client, trust, "next")
    beyond = Post.objects.get(title=NEXT_TITLE)

    assert next_link.attrs["href"] == beyond.get_absolute_url()
    assert next_link.text == f"Next {NEXT_TITLE}"
    assert navigation_link(client, beyond, "prev").attrs["href"] == trust.get_absolute_url()
