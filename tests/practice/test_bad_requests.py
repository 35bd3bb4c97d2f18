"""What no browser sends gets the "bad request" page (400), or 413 for a body far too
large, and never a server error: NUL characters, forms in other charsets, bodies that stop
arriving or that are larger than any form here."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from booking.models import BookingRequest
from tests.booking.conftest import signed_token

PUBLIC_FORMS = ["/book/", "/", "/blog/", "/admin/login/"]


def person_sending_the_form(looking_for):
    return {
        "name": "Sam Rivera",
        "email": "sam@example.com",
        "preferred_contact": "email",
        "looking_for": looking_for.pk,
        "session_format": "online",
        "consent": "on",
        "form_token": signed_token(),
    }


CSRF_COOKIE = "abcdefghijklmnopqrstuvwxyzABCDEF"


@pytest.fixture
def browser_with_csrf_cookie(db):
    """A client whose CSRF cookie makes Django read the posted form, as a browser's does;
    errors are answered as in production, never raised into the test."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.cookies["csrftoken"] = CSRF_COOKIE
    return browser


@pytest.mark.usefixtures("therapist")
@pytest.mark.parametrize("path", PUBLIC_FORMS)
@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "iso-8859-1", "no-such-charset"])
def test_a_form_in_another_charset_is_a_bad_request(browser_with_csrf_cookie, path, charset):
    response = browser_with_csrf_cookie.generic(
        "POST",
        path,
        b"name=Sam&csrfmiddlewaretoken=x",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400
    assert "could not be read" in response.text


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_a_form_in_utf_8_is_read(client, therapist, looking_for, charset):
    body = urlencode(person_sending_the_form(looking_for))

    response = client.post(
        "/book/", body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )

    assert response.status_code == 302
    assert BookingRequest.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/blog/?page=%00",
        "/blog/search/?q=%00",
        "/blog/search/?q=trust%00",
        "/?%00=x",
        "/blog/%00/",
        "/admin/login/?next=/%00",
    ],
)
def test_a_nul_character_in_the_address_is_a_bad_request(client, db, path):
    assert client.get(path).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/admin/booking/bookingrequest/?status__exact=%00",
        "/admin/booking/bookingrequest/?q=%00",
        "/admin/autocomplete/?app_label=blog&model_name=post&field_name=tags&term=%00",
    ],
)
def test_staff_addresses_with_a_nul_character_are_bad_requests(client, log_in, path):
    log_in("superuser")

    assert client.get(path).status_code == 400


def test_a_nul_character_in_a_form_is_a_bad_request_and_nothing_is_stored(
    client, therapist, looking_for
):
    data = {**person_sending_the_form(looking_for), "note": "Mornings\x00please"}
    response = client.post("/book/", data)

    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


class BodyNeverRead:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize("path", PUBLIC_FORMS)
def test_a_public_post_far_larger_than_a_form_is_refused_unread(client, db, path):
    response = client.post(
        path,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": BodyNeverRead()},
    )

    assert response.status_code == 413
    assert "Too much to send at once" in response.text


def test_a_form_at_the_public_limit_is_read(client, settings, therapist, looking_for):
    body = urlencode(person_sending_the_form(looking_for)) + "&filler="
    body += "x" * (settings.PUBLIC_REQUEST_MAX_BYTES - len(body))
    assert len(body) == settings.PUBLIC_REQUEST_MAX_BYTES

    response = client.post("/book/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302


def test_staff_posting_beyond_their_limit_are_refused_unread(client, log_in, settings):
    log_in("Editors")

    response = client.post(
        "/admin/markdown/upload/",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.STAFF_REQUEST_MAX_BYTES + 1),
        **{"wsgi.input": BodyNeverRead()},
    )

    assert response.status_code == 413


def test_staff_uploads_under_their_limit_reach_the_form(client, log_in, media_root):
    log_in("Editors")
    oversized_photo = b"\xff\xd8" + b"0" * (11 * 1024 * 1024)  # 11 MB: over the photo limit

    response = client.post(
        "/admin/markdown/upload/",
        {"image": SimpleUploadedFile("big.jpg", oversized_photo, content_type="image/jpeg")},
    )

    # Read and judged by the upload form, which names the photo limit: not refused unread.
    assert response.status_code == 400
    assert "10 MB" in response.json()["image"][0]


class BodyCutShort:
    """A body whose sender went away: reading it fails, as a socket timeout does."""

    def read(self, *args):
        raise TimeoutError("timed out")

    readline = read


def test_a_body_that_stops_arriving_is_a_bad_request(browser_with_csrf_cookie, therapist):
    response = browser_with_csrf_cookie.post(
        "/book/",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="1000",
        **{"wsgi.input": BodyCutShort()},
    )

    assert response.status_code == 400
    assert not BookingRequest.objects.exists()
