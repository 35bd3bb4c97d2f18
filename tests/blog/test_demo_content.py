"""`manage.py load_demo_content` builds the demo site once, however often it runs."""

import io

import pytest
from django.core.management import call_command

from blog.management.commands.load_demo_content import CONTENT_DIR as DEMO_CONTENT_DIR
from blog.models import Category, Post, Tag
from practice.models import Page, Practice, Question, Service, Therapist
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
    return {
        model.__name__: model.objects.count()
        for model in (Therapist, Service, Page, Question, Category, Tag, Post)
    }


@pytest.fixture
def demo(db, media_root):
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


def test_fills_in_the_practice_details_a_new_site_starts_without(demo):
    practice = Practice.get_solo()

    assert practice.name == "Therapy with Morgan"
    for field in ("phone", "email", "address", "home_heading", "home_intro", "fees_line"):
        assert getattr(practice, field), field


def test_leaves_practice_details_alone_once_someone_has_edited_them(db, media_root):
    practice = Practice.get_solo()
    practice.name = "Riverside Counselling"
    practice.save()

    load_demo_content()

    practice.refresh_from_db()
    assert practice.name == "Riverside Counselling"
    assert not practice.phone


def test_publishes_the_pages_and_services_the_navigation_links_to(client, demo):
    for page in Page.objects.all():
        assert client.get(page.get_absolute_url()).status_code == 200, page.slug
    for service in Service.objects.all():
        assert client.get(service.get_absolute_url()).status_code == 200, service.slug
    assert set(Page.objects.exclude(purpose="").values_list("purpose", flat=True)) >= {
        "services",
        "fees",
        "contact",
        "privacy",
        "good_faith_estimate",
    }
    assert Question.objects.filter(page__slug="faq").count() >= 5


def test_morgan_has_a_full_profile_with_a_stored_photo(demo):
    morgan = Therapist.objects.get(slug="morgan")

    for field in ("credentials", "licence_number", "approach", "short_bio"):
        assert getattr(morgan, field), field
    assert set(morgan.services.values_list("slug", flat=True)) == set(
        Service.objects.values_list("slug", flat=True)
    )
    assert morgan.photo.storage.exists(morgan.photo.name)


def test_each_category_leads_to_the_service_it_is_about(demo):
    for category in Category.objects.all():
        assert category.service is not None, category.slug
        assert category.learn_more_url == category.service.get_absolute_url()


def test_demo_text_reads_as_a_real_practice_would_write_it():
    """Placeholder wording would end up on a launched site if no one replaced it."""
    for path in DEMO_CONTENT_DIR.iterdir():
        if path.suffix in {".md", ".toml"}:
            text = path.read_text(encoding="utf-8").lower()
            for placeholder in ("sample", "lorem", "placeholder", "demo"):
                assert placeholder not in text, f"{placeholder!r} in {path.name}"


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


def test_the_trauma_article_carries_a_content_note(demo):
    beyond = Post.objects.get(title=NEXT_TITLE)

    assert beyond.content_note.startswith("This article describes how the body reacts")


def test_bodies_are_stored_as_the_admin_form_sends_them(demo):
    """The form strips a body's surrounding blank lines; stored the same, a first save in
    admin records no change to a body the editor did not touch."""
    for body in Post.objects.values_list("body", flat=True):
        assert body == body.strip()
