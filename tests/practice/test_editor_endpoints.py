"""The Markdown editor's preview and upload endpoints serve staff who may change what is
written in Markdown (posts, pages, services, profiles), only."""

import pytest
from django.urls import reverse

from tests.image_files import photo, upload

PREVIEW_URL = reverse("admin:markdown_preview")
UPLOAD_URL = reverse("admin:markdown_upload")


def preview(client, **data):
    return client.post(PREVIEW_URL, data)


def send_image(client, data=None):
    return client.post(UPLOAD_URL, {"image": upload(data or photo())})


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.mark.parametrize("role", ["anonymous", "non-staff"])
def test_a_signed_out_editor_is_told_so_in_json_not_sent_to_the_sign_in_page(
    client, log_in, media_root, role
):
    log_in(role)

    responses = [preview(client, content="# Hello"), send_image(client)]

    for response in responses:
        assert response.status_code == 403
        assert "signed out" in response.json()["session"][0]
        assert response["Cache-Control"].startswith("max-age=0")
    assert stored_files(media_root) == []


def test_intake_staff_are_refused(client, log_in, media_root):
    log_in("Intake")

    responses = [preview(client, content="# Hello"), send_image(client)]

    assert [response.status_code for response in responses] == [403, 403]
    assert all("may not change" in response.json()["permission"][0] for response in responses)
    assert stored_files(media_root) == []


def test_the_endpoints_check_the_csrf_token(make_user, media_root):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Editors"))

    responses = [preview(client, content="# Hello"), send_image(client)]

    assert [response.status_code for response in responses] == [403, 403]
    assert stored_files(media_root) == []


@pytest.mark.parametrize("role", ["Editors", "superuser"])
def test_editors_get_the_preview_and_store_images(client, log_in, media_root, role):
    log_in(role)

    preview_response = preview(client, content="## Hello")
    upload_response = send_image(client)

    assert preview_response.status_code == 200
    assert preview_response.content.decode().startswith('<h2 id="section-hello">Hello</h2>')
    assert upload_response.status_code == 200
    assert upload_response.json()["url"].startswith("/media/posts/")
    assert stored_files(media_root)


def test_the_preview_is_sanitised_like_the_public_page(client, log_in):
    log_in("Editors")

    html = preview(client, content='Hi <script>alert(1)</script><img src=x onerror="alert(2)">')

    assert html.status_code == 200
    assert "<script" not in html.content.decode()
    assert "onerror" not in html.content.decode()


def test_an_empty_editor_gets_an_empty_preview(client, log_in):
    log_in("Editors")

    response = preview(client, content="")

    assert response.status_code == 200
    assert response.content == b""


def test_the_editor_posts_to_these_endpoints(client, log_in):
    log_in("Editors")

    html = client.get(reverse("admin:blog_post_add")).content.decode()

    assert f'data-markdownx-urls-path="{PREVIEW_URL}"' in html
    assert f'data-markdownx-upload-urls-path="{UPLOAD_URL}"' in html


def test_the_packages_open_endpoints_are_not_routed(client, log_in):
    log_in("Editors")

    assert client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 404
    assert client.post("/markdownx/upload/", {"image": upload(photo())}).status_code == 404


@pytest.mark.parametrize(
    ("url", "data"),
    [
        pytest.param(PREVIEW_URL, {}, id="preview without content"),
        pytest.param(PREVIEW_URL, {"content": "a\x00b"}, id="preview with a NUL character"),
        pytest.param(UPLOAD_URL, {}, id="upload without a file"),
        pytest.param(UPLOAD_URL, {"image": "not a file"}, id="upload with text, not a file"),
    ],
)
def test_malformed_requests_get_400(client, log_in, media_root, url, data):
    log_in("Editors")

    response = client.post(url, data)

    assert response.status_code == 400
    assert stored_files(media_root) == []


@pytest.mark.parametrize("url", [PREVIEW_URL, UPLOAD_URL])
def test_a_broken_multipart_body_gets_400(client, log_in, url):
    log_in("Editors")

    response = client.post(
        url, data=b"--x\r\nnot headers", content_type="multipart/form-data; boundary=x"
    )

    assert response.status_code == 400


@pytest.mark.parametrize("url", [PREVIEW_URL, UPLOAD_URL])
def test_only_post_is_answered(client, log_in, url):
    log_in("Editors")

    assert client.get(url).status_code == 405
