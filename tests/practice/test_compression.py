"""Public pages, feeds and the sitemap come compressed; a page with a form token, a client's
details or a cookie never does, so no secret can leak through a compressed length (BREACH)."""

import gzip
from urllib.parse import urlsplit

import brotli
import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from blog.models import Post
from booking.client_link import link_to
from practice.caching import public_page
from practice.compression import PublicCompressionMiddleware

try:
    from compression import zstd  # Python 3.14 on
except ImportError:
    from backports import zstd

DECOMPRESS = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstd.decompress}
CHROME = "gzip, deflate, br, zstd"


@pytest.fixture
def public_urls(make_post):
    post = make_post("Rebuilding trust", body="After an affair, *trust* comes back slowly. " * 20)
    return {
        "home": "/",
        "post": post.get_absolute_url(),
        "blog index": "/blog/",
        "RSS feed": "/blog/feed/",
        "Atom feed": "/blog/feed/atom/",
        "sitemap": "/sitemap.xml",
    }


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("page", ["home", "post", "blog index", "RSS feed", "Atom feed", "sitemap"])
@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [("gzip", "gzip"), ("br, gzip", "br"), ("br;q=0, gzip", "gzip"), (CHROME, "zstd")],
)
def test_public_page_comes_compressed_as_the_client_asks(
    client, public_urls, page, accept_encoding, coding
):
    plain = client.get(public_urls[page])

    response = client.get(public_urls[page], headers={"Accept-Encoding": accept_encoding})

    assert response.status_code == 200
    assert response["Content-Encoding"] == coding
    assert int(response["Content-Length"]) == len(response.content) < len(plain.content)
    assert DECOMPRESS[coding](response.content) == plain.content
    assert "accept-encoding" in vary(response)


def test_public_page_is_not_compressed_for_a_client_that_did_not_ask(client, public_urls):
    response = client.get(public_urls["post"])

    assert "Content-Encoding" not in response
    # A shared cache keeps this copy apart from the compressed ones.
    assert "accept-encoding" in vary(response)


def test_compressed_page_is_revalidated_with_its_weak_etag(client, public_urls):
    first = client.get(public_urls["post"], headers={"Accept-Encoding": "gzip"})
    assert first["ETag"].startswith('W/"')

    again = client.get(
        public_urls["post"], headers={"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]}
    )

    assert again.status_code == 304


def test_head_announces_the_compressed_body_it_leaves_out(client, public_urls):
    get = client.get(public_urls["post"], headers={"Accept-Encoding": "br"})

    head = client.head(public_urls["post"], headers={"Accept-Encoding": "br"})

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Encoding"] == "br"
    assert head["Content-Length"] == get["Content-Length"] == str(len(get.content))


@pytest.fixture
def client_link(make_booking_request):
    booking_request = make_booking_request()
    booking_request.new_link_key()
    booking_request.save()
    return urlsplit(link_to(booking_request)).path


@pytest.mark.parametrize("url_name", ["booking:book", "two_factor:login"])
def test_page_with_a_form_token_is_not_compressed(client, therapist, url_name):
    response = client.get(reverse(url_name), headers={"Accept-Encoding": CHROME})

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "Content-Encoding" not in response


def test_client_private_page_is_not_compressed(client, client_link):
    response = client.get(client_link, headers={"Accept-Encoding": CHROME})

    assert response.status_code == 200
    assert "sam@example.com" in response.text
    assert "Content-Encoding" not in response


def test_staff_preview_is_not_compressed(client, log_in, make_post):
    draft = make_post("Not yet", status=Post.Status.DRAFT, body="A draft in progress. " * 20)
    log_in("Editors")

    response = client.get(f"/blog/{draft.slug}/preview/", headers={"Accept-Encoding": CHROME})

    assert response.status_code == 200
    assert "A draft in progress." in response.text
    assert "Content-Encoding" not in response


def public_response_through_the_middleware(change_response):
    """A public page of plenty of HTML, changed by `change_response`, through the middleware."""

    @public_page
    def view(request):
        response = HttpResponse("<p>The same for everyone.</p>" * 20)
        change_response(response)
        return response

    request = RequestFactory().get("/", headers={"Accept-Encoding": "gzip"})
    return PublicCompressionMiddleware(view)(request)


def test_public_response_is_compressed_through_the_middleware():
    response = public_response_through_the_middleware(lambda response: None)

    assert response["Content-Encoding"] == "gzip"


def test_public_response_that_sets_a_cookie_is_not_compressed():
    response = public_response_through_the_middleware(
        lambda response: response.set_cookie("seen", "yes")
    )

    assert "Content-Encoding" not in response


def test_public_response_that_varies_with_the_cookie_is_not_compressed():
    response = public_response_through_the_middleware(
        lambda response: patch_vary_headers(response, ["Cookie"])
    )

    assert "Content-Encoding" not in response
