"""A post says who clinically reviewed it and when, to readers and to search engines, and
the post list finds those whose next review is overdue."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from practice.models import Therapist
from tests.parsing import find_all, structured_data

MARCH_3 = date(2026, 3, 3)


@pytest.fixture
def reviewer(db):
    return Therapist.objects.create(
        name="Avery Chen",
        slug="avery-chen",
        credentials="PsyD",
        notification_email="avery@example.com",
    )


def test_the_article_names_its_reviewer_and_the_date(client, make_post, reviewer):
    post = make_post(reviewed_by=reviewer, reviewed_on=MARCH_3)

    html = client.get(post.get_absolute_url()).content.decode()

    [line] = find_all(html, "p", class_="post-review")
    assert line.text == "Clinically reviewed by Avery Chen, PsyD on March 3, 2026"
    [link] = find_all(html, "a", href=reviewer.get_absolute_url())
    assert link.is_inside(class_="post-review")


def test_an_unreviewed_article_claims_no_review(client, make_post):
    html = client.get(make_post().get_absolute_url()).content.decode()

    assert not find_all(html, "p", class_="post-review")
    assert "reviewedBy" not in html


def test_search_engines_read_the_review_from_the_page(client, make_post, reviewer):
    post = make_post(reviewed_by=reviewer, reviewed_on=MARCH_3)

    data = structured_data(client.get(post.get_absolute_url()).content.decode())

    page = data["mainEntityOfPage"]
    assert page["@type"] == "WebPage"
    assert page["@id"] == f"http://testserver{post.get_absolute_url()}"
    assert page["lastReviewed"] == "2026-03-03"
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Avery Chen",
        "url": "http://testserver/therapists/avery-chen/",
    }


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reviewed_on": MARCH_3}, "reviewed_by", "Say who reviewed the article."),
        ({"reviewer": True}, "reviewed_on", "Say when the review was done."),
        (
            {
                "reviewer": True,
                "reviewed_on": MARCH_3,
                "next_review_due": MARCH_3,
            },
            "next_review_due",
            "The next review comes after the last one.",
        ),
        (
            {"reviewer": True, "reviewed_on": timezone.localdate() + timedelta(days=1)},
            "reviewed_on",
            "A review date cannot be in the future.",
        ),
    ],
    ids=["date without reviewer", "reviewer without date", "next before last", "future date"],
)
def test_a_review_is_recorded_whole(make_post, reviewer, fields, field, message):
    if fields.pop("reviewer", False):
        fields["reviewed_by"] = reviewer
    post = make_post(**fields)

    with pytest.raises(ValidationError) as error:
        post.full_clean()

    assert error.value.message_dict[field] == [message]


def test_the_post_list_filters_posts_whose_review_is_overdue(client, log_in, make_post):
    log_in("Editors")
    today = timezone.localdate()
    make_post("Overdue", next_review_due=today - timedelta(days=1))
    make_post("Due today", next_review_due=today)
    make_post("Never scheduled")

    response = client.get(reverse("admin:blog_post_changelist"), {"review": "overdue"})

    assert [post.title for post in response.context["cl"].result_list] == ["Overdue"]
