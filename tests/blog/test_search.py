"""Search finds published posts by title, summary or body; no query, however odd, breaks it.

PostgreSQL ranks full-text matches; SQLite matches words plainly and lists newest first.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.parsing import card_titles

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the plain match runs on SQLite"
)


def search(client, query):
    response = client.get("/blog/search/", {"q": query})
    assert response.status_code == 200
    return card_titles(response.content.decode())


@pytest.fixture
def posts(make_post):
    """Trust in the title, the summary or only the body; the body match is the newest."""
    now = timezone.now()
    return {
        "title": make_post(
            "Rebuilding trust after a rupture",
            summary="Repair takes time.",
            body="Small, steady steps.",
            publish_at=now - timedelta(days=3),
        ),
        "summary": make_post(
            "Small steps",
            summary="Trust grows with time.",
            body="Keep promises.",
            publish_at=now - timedelta(days=2),
        ),
        "body": make_post(
            "Coming home",
            summary="About returning.",
            body="Trust is built daily.",
            publish_at=now - timedelta(days=1),
        ),
        "unrelated": make_post("Sleep well", summary="Rest matters.", body="Sleep hygiene basics."),
    }


@pytest.mark.parametrize("query", ["trust", "TRUST", "  trust  "])
def test_finds_posts_matching_in_title_summary_or_body(client, posts, query):
    assert set(search(client, query)) == {
        posts["title"].title,
        posts["summary"].title,
        posts["body"].title,
    }


def test_every_word_searched_must_match(client, posts):
    assert search(client, "trust daily") == [posts["body"].title]


def test_an_edited_post_is_found_by_its_new_words(client, posts):
    post = posts["unrelated"]
    post.body = "Sleep and trust, after a hard week."
    post.save()

    assert post.title in search(client, "trust week")


@on_postgresql
def test_postgresql_searches_a_gin_index_of_stored_documents(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'blog_post_search_document_idx'"
        )
        [(definition,)] = cursor.fetchall()

    assert "USING gin (search_document)" in definition


def test_finds_nothing_when_nothing_matches(client, posts):
    html = client.get("/blog/search/", {"q": "gardening"}).content.decode()

    assert card_titles(html) == []
    assert "No articles match that search." in html


@on_postgresql
def test_postgresql_ranks_title_matches_above_summary_above_body(client, posts):
    assert search(client, "trust") == [
        posts["title"].title,
        posts["summary"].title,
        posts["body"].title,
    ]


@on_postgresql
def test_postgresql_matches_other_forms_of_a_word(client, posts):
    assert search(client, "ruptures") == [posts["title"].title]


@on_sqlite
def test_sqlite_lists_matches_newest_first(client, posts):
    assert search(client, "trust") == [
        posts["body"].title,
        posts["summary"].title,
        posts["title"].title,
    ]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\t\x1f"}])
def test_an_empty_search_shows_the_form_and_no_results(client, posts, params):
    response = client.get("/blog/search/", params)

    assert response.status_code == 200
    assert card_titles(response.content.decode()) == []
    assert response.context["form"]["q"].value() == ""


def test_control_characters_are_ignored(client, posts):
    assert len(search(client, "\x01trust\x07\x7f")) == 3


@pytest.mark.parametrize(
    "query",
    [
        "trust " * 1707,
        "x" * 10_240,
        "\x01" * 10_240,
        '"unbalanced -quote OR',
        "&|!:*()<>",
        "'; DROP TABLE blog_post; --",
        "\u202etrust\ufeff\U0001f600",
    ],
    ids=[
        "10 KB of words",
        "10 KB word",
        "10 KB of control characters",
        "operators",
        "tsquery syntax",
        "SQL",
        "unicode",
    ],
)
def test_an_absurd_query_gets_a_normal_page(client, posts, query):
    search(client, query)


@pytest.mark.parametrize("wildcard", ["%", "_"])
def test_wildcards_match_only_themselves(client, posts, wildcard):
    assert search(client, wildcard) == []


def test_pages_never_load_the_search_document(client, posts):
    with CaptureQueriesContext(connection) as queries:
        client.get(posts["title"].get_absolute_url())
        client.get("/blog/")

    assert not [query for query in queries if "search_document" in query["sql"]]
