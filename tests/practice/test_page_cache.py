"""Public pages are served whole from the cache to readers without a session; nothing
personal, secret or carrying a form token is ever kept."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import include, path
from django.utils.csp import CSP

from blog.models import Post, ReviewLink
from practice.caching import public_page
from tests.parsing import card_titles

PUBLIC_PAGES = [
    "home",
    "index",
    "index page 2",
    "post",
    "category",
    "tag",
    "service",
    "page",
    "therapists",
    "therapist",
    "rss",
    "atom",
    "sitemap",
    "robots.txt",
]


@pytest.fixture
def urls(make_post, make_tag, category, therapist, service, make_page):
    posts = [make_post(tags=[make_tag("Trust")]) for _ in range(11)]
    make_page()
    return {
        "home": "/",
        "index": "/blog/",
        "index page 2": "/blog/?page=2",
        "post": posts[0].get_absolute_url(),
        "category": category.get_absolute_url(),
        "tag": "/blog/tag/trust/",
        "service": service.get_absolute_url(),
        "page": "/about/",
        "therapists": "/therapists/",
        "therapist": therapist.get_absolute_url(),
        "rss": "/blog/feed/",
        "atom": "/blog/feed/atom/",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
    }


def cache_status(response):
    return response.get("X-Page-Cache")


def cache_directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_a_public_page_is_served_again_from_the_cache_without_a_query(
    client, urls, page, django_assert_num_queries
):
    first = client.get(urls[page])

    with django_assert_num_queries(0):
        again = client.get(urls[page])

    assert (first.status_code, cache_status(first)) == (200, "miss")
    assert (again.status_code, cache_status(again)) == (200, "hit")
    assert again.content == first.content
    for header in ["ETag", "Cache-Control", "Content-Security-Policy", "X-Frame-Options"]:
        assert again[header] == first[header]


def test_each_page_of_the_index_is_kept_under_its_own_address(client, urls):
    first_pages = [client.get("/blog/"), client.get("/blog/?page=2")]

    again = [client.get("/blog/"), client.get("/blog/?page=2")]

    assert [cache_status(response) for response in again] == ["hit", "hit"]
    titles = [card_titles(response.content.decode()) for response in again]
    assert titles == [card_titles(response.content.decode()) for response in first_pages]
    assert (len(titles[0]), len(titles[1])) == (10, 1)


def test_head_is_answered_from_the_kept_page_without_a_body(client, urls):
    page = client.get("/")

    response = client.head("/")

    assert cache_status(response) == "hit"
    assert response.content == b""
    assert response["Content-Length"] == page["Content-Length"] == str(len(page.content))


def test_a_page_kept_for_head_is_served_whole_to_get(client, urls):
    assert cache_status(client.head("/")) == "miss"

    response = client.get("/")

    assert cache_status(response) == "hit"
    assert response.content == Client().get("/?page=1").content


@pytest.mark.parametrize(
    ("url", "validator", "condition"),
    [("/", "ETag", "If-None-Match"), ("/blog/feed/", "Last-Modified", "If-Modified-Since")],
)
def test_a_kept_page_answers_a_matching_validator_with_304_without_a_query(
    client, urls, url, validator, condition, django_assert_num_queries
):
    value = client.get(url)[validator]

    with django_assert_num_queries(0):
        response = client.get(url, headers={condition: value})

    assert response.status_code == 304
    assert response.content == b""


@pytest.fixture
def session_cookie(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "any-session-key"


@pytest.fixture
def messages_cookie(client):
    client.cookies["messages"] = "a message for this reader"


@pytest.fixture
def signed_in_staff(log_in):
    log_in("Editors")


@pytest.mark.parametrize("reader", ["signed_in_staff", "session_cookie", "messages_cookie"])
def test_a_reader_with_a_session_or_a_message_is_never_served_a_kept_page(
    client, urls, request, reader
):
    Client().get("/")
    request.getfixturevalue(reader)

    response = client.get("/")

    assert response.status_code == 200
    assert cache_status(response) is None
    # Nor was the page made for them kept for anyone else.
    assert cache_status(Client().get("/")) == "hit"


def test_the_page_a_signed_in_editor_sees_is_not_kept(client, urls, log_in):
    log_in("Editors")
    client.get("/")

    assert cache_status(Client().get("/")) == "miss"


@pytest.fixture
def private_urls(make_post, therapist, log_in):
    draft = make_post("Grief in the first year", status=Post.Status.DRAFT, publish_at=None)
    review_link = ReviewLink.objects.create(post=draft, reviewer="Dr. Lee")
    make_post("Rebuilding trust", tags=[])
    return {
        "review link": review_link.get_absolute_url(),
        "booking page": "/book/",
        "booking thanks page": "/book/thanks/",
        "therapist's booking page": therapist.get_booking_url(),
        "staff sign-in": "/admin/account/login/",
        "search results": "/blog/search/?q=trust",
        "a tracking parameter": "/blog/?utm_source=newsletter",
    }


@pytest.mark.parametrize(
    "page",
    [
        "review link",
        "booking page",
        "booking thanks page",
        "therapist's booking page",
        "staff sign-in",
        "search results",
        "a tracking parameter",
    ],
)
def test_pages_that_are_not_public_pages_are_never_kept(client, private_urls, page):
    client.get(private_urls[page])

    response = Client().get(private_urls[page])

    assert response.status_code == 200
    assert cache_status(response) is None


def test_a_preview_is_never_kept(client, log_in, make_post):
    log_in("Editors")
    draft = make_post("Notes on rest", status=Post.Status.DRAFT)
    client.get(f"/blog/{draft.slug}/preview/")

    response = client.get(f"/blog/{draft.slug}/preview/")

    assert response.status_code == 200
    assert cache_status(response) is None


def test_a_post_request_is_never_answered_from_the_cache(client, urls):
    client.get("/")

    response = client.post("/")

    assert response.status_code == 405
    assert cache_status(response) is None


@public_page
def page_with_a_form(request):
    return HttpResponse(f'<form method="post"><input value="{get_token(request)}"></form>')


@public_page
def page_with_a_script_nonce(request):
    return HttpResponse(f'<script nonce="{get_nonce(request)}">start()</script>')


urlpatterns = [
    path("with-a-form/", page_with_a_form),
    path("with-a-nonce/", page_with_a_script_nonce),
    path("", include("practice.urls")),
]


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_public_page_that_gives_a_form_token_is_never_kept(client):
    first = client.get("/with-a-form/")

    response = Client().get("/with-a-form/")

    assert settings.CSRF_COOKIE_NAME in first.cookies
    assert cache_status(response) is None


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_public_page_with_a_csp_nonce_is_never_kept(client, settings):
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.NONCE]}
    first = client.get("/with-a-nonce/")

    response = client.get("/with-a-nonce/")

    assert "'nonce-" in first["Content-Security-Policy"]
    assert cache_status(response) is None
    assert response["Content-Security-Policy"] != first["Content-Security-Policy"]


def test_no_seconds_turns_the_page_cache_off(client, urls, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")

    response = client.get("/")

    assert cache_status(response) is None


@pytest.fixture
def cdn(settings):
    settings.CDN_CACHE_SECONDS = 300


@pytest.mark.usefixtures("cdn")
def test_with_a_cdn_public_pages_may_be_kept_by_shared_caches_for_a_while(client, urls):
    first = client.get("/")
    again = client.get("/")
    not_modified = client.get("/", headers={"If-None-Match": first["ETag"]})

    cdn_lifetime = {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=60"}
    assert cache_status(again) == "hit"
    assert not_modified.status_code == 304
    for response in [first, again, not_modified]:
        assert cache_directives(response) == cdn_lifetime


@pytest.mark.usefixtures("cdn")
def test_with_a_cdn_a_reader_with_a_session_and_the_booking_page_are_not_shared(
    client, urls, log_in
):
    booking_page = Client().get("/book/")
    log_in("Editors")
    staff_home = client.get("/")

    assert "s-maxage" not in booking_page["Cache-Control"]
    assert "private" in cache_directives(booking_page)
    assert cache_directives(staff_home) == {"public", "no-cache"}
