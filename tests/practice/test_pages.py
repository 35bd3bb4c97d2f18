"""The home and privacy pages, and the footer every page shares."""

from datetime import timedelta

import pytest
from django.utils import timezone

from practice.models import Therapist
from tests.parsing import card_titles, find_all

CRISIS_NOTICE = (
    "This site is not for emergencies. If you are in crisis, call or text 988 (the Suicide "
    "and Crisis Lifeline) in the US, or your local emergency number. If you are in danger, "
    "call 911."
)


def test_home_shows_the_three_latest_posts_newest_first(client, make_post):
    now = timezone.now()
    for days_ago in (4, 1, 3, 2):
        make_post(f"{days_ago} days ago", publish_at=now - timedelta(days=days_ago))

    html = client.get("/").content.decode()

    assert card_titles(html) == ["1 days ago", "2 days ago", "3 days ago"]


def test_home_invites_readers_to_book_with_the_practice_therapist_by_name(client, db):
    Therapist.objects.create(
        name="Avery Quinn", slug="avery-quinn", notification_email="avery@example.com"
    )

    html = client.get("/").content.decode()

    [heading] = find_all(html, "h2", id="cta-heading")
    [button] = [link for link in find_all(html, "a") if link.is_inside("aside", class_="cta")]
    assert heading.text == "Interested in booking therapy with Avery Quinn?"
    assert button.attrs["href"] == "/book/"


def test_privacy_page_says_what_the_site_stores(client, db):
    response = client.get("/privacy/")

    [heading] = find_all(response.content.decode(), "h1")
    assert response.status_code == 200
    assert heading.text == "Privacy notice"


@pytest.mark.parametrize("path", ["/", "/privacy/", "/blog/", "/blog/search/"])
def test_every_page_carries_the_crisis_notice(client, db, path):
    html = client.get(path).content.decode()

    [notice] = find_all(html, "p", class_="crisis-notice")
    assert notice.is_inside("footer")
    assert notice.text == CRISIS_NOTICE
    calls = [
        link.attrs["href"] for link in find_all(html, "a") if link.is_inside(class_="crisis-notice")
    ]
    assert calls == ["tel:988", "tel:911"]
