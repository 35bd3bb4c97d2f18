"""Every Markdown field on the site (posts, pages, services, their questions, profiles and
the home page's copy) is rendered and sanitised the same way: no payload that posts survive
gets through any other field, and each field's HTML is rendered again when it is saved."""

import io

import pytest
from django.core.management import call_command

from blog.models import Post
from practice.models import Page, Practice, Publication, Question, Service, Therapist
from tests.practice.test_markdown_sanitiser import XSS_PAYLOADS, unsafe_parts

pytestmark = pytest.mark.django_db


def page(**fields):
    return Page.objects.create(
        title="A page", slug="a-page", status=Publication.PUBLISHED, **fields
    )


def service(**fields):
    return Service.objects.create(name="A service", slug="a-service", summary="Help.", **fields)


def question(**fields):
    return Question.objects.create(page=page(), question="Why?", **fields)


def therapist_with(**fields):
    return Therapist.objects.create(
        name="Avery", slug="avery", notification_email="avery@example.com", **fields
    )


def practice_with(**fields):
    Practice.objects.filter(pk=1).delete()
    practice = Practice(**fields)
    practice.save()
    return practice


# Each Markdown field: how to make a record with a given value in it.
FIELDS = {
    "page body": (page, "body"),
    "service: who it is for": (service, "who_for"),
    "service: how sessions work": (service, "how_it_works"),
    "question's answer": (question, "answer"),
    "therapist's approach": (therapist_with, "approach"),
    "home page intro": (practice_with, "home_intro"),
    "where and how sessions happen": (practice_with, "sessions_text"),
}


@pytest.mark.parametrize(("make", "field"), FIELDS.values(), ids=FIELDS.keys())
@pytest.mark.parametrize("payload", XSS_PAYLOADS.values(), ids=XSS_PAYLOADS.keys())
def test_nothing_that_could_run_reaches_the_reader_from_any_field(make, field, payload):
    record = make(**{field: payload})

    record.refresh_from_db()
    assert unsafe_parts(getattr(record, f"{field}_html")) == []


@pytest.mark.parametrize(("make", "field"), FIELDS.values(), ids=FIELDS.keys())
def test_each_field_is_rendered_when_saved(make, field):
    record = make(**{field: "## Hello\n\nKind *words*."})

    record.refresh_from_db()
    assert getattr(record, f"{field}_html") == (
        '<h2 id="section-hello">Hello</h2>\n<p>Kind <em>words</em>.</p>'
    )


def test_saving_only_a_markdown_field_renders_it_again(make_page):
    about = make_page(body="Old words.")
    about.body = "New *words*."

    about.save(update_fields=["body"])

    about.refresh_from_db()
    assert about.body_html == "<p>New <em>words</em>.</p>"


def test_rerender_posts_renders_everything_again_and_says_what_changed(
    make_page, service, make_post
):
    about = make_page(title="About", body="Words.")
    post = make_post("Trust", body="Post *words*.")
    make_post("Untouched", body="Fine as it is.")
    Page.objects.filter(pk=about.pk).update(body_html="stale")
    Service.objects.filter(pk=service.pk).update(who_for_html="stale")
    Post.objects.filter(pk=post.pk).update(body_html="stale")
    updated_at = Post.objects.get(pk=post.pk).updated_at
    output = io.StringIO()

    call_command("rerender_posts", stdout=output)

    about.refresh_from_db()
    service.refresh_from_db()
    post.refresh_from_db()
    assert about.body_html == "<p>Words.</p>"
    assert service.who_for_html.startswith("<ul>")
    assert post.body_html == "<p>Post <em>words</em>.</p>"
    assert post.updated_at == updated_at
    report = output.getvalue().splitlines()
    assert "Changed: post “Trust”" in report
    assert "Changed: page “About”" in report
    assert f"Changed: service “{service}”" in report
    assert not any("Untouched" in line for line in report)
    assert report[-1].endswith("; 3 changed.")


def test_rerender_posts_run_again_changes_nothing(make_page, make_post):
    make_page(body="Words.")
    make_post(body="Post *words*.")
    call_command("rerender_posts", stdout=io.StringIO())
    output = io.StringIO()

    call_command("rerender_posts", stdout=output)

    [report] = output.getvalue().splitlines()
    assert report.endswith("; 0 changed.")
