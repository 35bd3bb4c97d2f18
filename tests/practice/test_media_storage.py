"""Uploads go to this server's disk, or with MEDIA_STORAGE=s3 to a bucket that several
servers share: pages, publishing and clean-up work the same with either. Markdown bodies
keep each image's address on this site, /media/<name>, so they survive a move."""

import io
import os
import re
import subprocess
import sys
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from blog.models import Post
from practice.forms import EditorImageForm
from practice.images import store_upload
from tests.image_files import photo, upload
from tests.parsing import find_all

WIDE_PHOTO = (2000, 1000)
HEX_NAME = "posts/" + "a" * 32 + ".jpg"
CDN = "cdn.practice.example"
YEAR_LONG = "public, max-age=31536000, immutable"


class Disk:
    """Uploads under the local media root, served at /media/."""

    def __init__(self, root):
        self.root = root
        self.url_prefix = "/media/"

    def names(self):
        return sorted(str(path.relative_to(self.root)) for path in self.root.rglob("*.*"))

    def fetch(self, url):
        return (self.root / url.removeprefix(self.url_prefix)).read_bytes()


class Bucket:
    """Uploads in a bucket of the S3 server, fetched as a browser fetches them."""

    def __init__(self, server):
        self.server = server
        self.url_prefix = server.public_url("")

    def names(self):
        return self.server.stored_names()

    def fetch(self, url):
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()


@pytest.fixture(params=["local", "s3"])
def media(request, media_root):
    """Uploads on this server's disk, then in a bucket: a Disk or a Bucket."""
    if request.param == "local":
        return Disk(media_root)
    return Bucket(request.getfixturevalue("media_on_s3"))


def drop_into_editor(client):
    """Upload a photo as the editor does; returns the address it writes into the body."""
    response = client.post(reverse("admin:markdown_upload"), {"image": upload(photo(WIDE_PHOTO))})
    assert response.status_code == 200, response.content
    return response.json()["url"]


def stored_by_cron(days_ago=0):
    """An image dropped into the editor, by its name, without a request."""
    form = EditorImageForm(files={"image": upload(photo((1000, 600)))})
    assert form.is_valid()
    return store_upload(form.cleaned_data["image"]).removeprefix("/media/")


def upload_of(name):
    """The upload a stored file belongs to (itself or a rendition): "posts/<hex>"."""
    return re.sub(r"(-[0-9]+w)?\.[a-z]+$", "", name)


def picture_urls(html, container_class=None):
    """Every address the `<picture>`s (inside the container) offer, by rendition width."""
    offered = {}
    for tag in ["source", "img"]:
        for element in find_all(html, tag):
            if container_class is None or element.is_inside(class_=container_class):
                for candidate in element.attrs["srcset"].split(", "):
                    url, width = candidate.split()
                    offered[url] = int(width.removesuffix("w"))
    return offered


def assert_served_in_every_size(media, html, container_class):
    offered = picture_urls(html, container_class)
    assert sorted(offered.values()) == [480, 480, 960, 960, 1600, 1600]
    for url, width in offered.items():
        assert url.startswith(media.url_prefix), url
        assert Image.open(io.BytesIO(media.fetch(url))).width == width


def test_an_editor_upload_and_its_renditions_go_to_the_chosen_storage(editor, media):
    address = drop_into_editor(editor)

    name = address.removeprefix("/media/")
    assert address == f"/media/{name}"  # its address on this site, on either storage
    stem = upload_of(name)
    assert media.names() == sorted(
        [name, *(f"{stem}-{width}w.{ext}" for width in (480, 960, 1600) for ext in ("jpg", "webp"))]
    )


def test_uploads_to_the_bucket_are_public_kept_a_year_and_never_on_disk(
    editor, media_on_s3, media_root
):
    drop_into_editor(editor)

    keys = media_on_s3.stored_names()
    assert len(keys) == 7
    for key in keys:
        with urllib.request.urlopen(media_on_s3.public_url(key), timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] in {"image/jpeg", "image/webp"}
            assert response.headers["Cache-Control"] == YEAR_LONG
    assert not list(media_root.rglob("*.*"))


def test_a_featured_image_is_served_in_every_size_from_the_storage(client, make_post, media):
    post = make_post(featured_image=upload(photo(WIDE_PHOTO)), featured_image_alt="A room.")

    html = client.get(post.get_absolute_url()).content.decode()

    assert_served_in_every_size(media, html, "post__image")
    assert len(media.names()) == 7


def test_an_image_dropped_into_a_body_is_served_in_every_size_from_the_storage(
    editor, make_post, media
):
    address = drop_into_editor(editor)
    post = make_post(body=f"Our room.\n\n![Two chairs by a window]({address})\n")

    html = editor.get(post.get_absolute_url()).content.decode()

    assert_served_in_every_size(media, html, "prose")
    assert f"({address})" in Post.objects.get(pk=post.pk).body


def test_a_therapists_photo_goes_to_the_bucket(client, therapist, media_on_s3):
    therapist.photo = upload(photo((600, 600)))
    therapist.save()

    html = client.get(therapist.get_absolute_url()).content.decode()

    photos = [name for name in media_on_s3.stored_names() if name.startswith("therapists/")]
    assert len(photos) == 5  # the photo, and 480 and 600 wide in two formats
    assert all(
        url.startswith(media_on_s3.public_url("therapists/"))
        for url in picture_urls(html, "profile__photo")
    )


def test_behind_a_cdn_pages_address_images_by_its_host(client, make_post, media_on_s3, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_on_s3.storage(AWS_S3_CUSTOM_DOMAIN=CDN),
    }
    post = make_post(featured_image=upload(photo(WIDE_PHOTO)), featured_image_alt="A room.")

    html = client.get(post.get_absolute_url()).content.decode()

    offered = picture_urls(html, "post__image")
    assert len(offered) == 6
    assert all(url.startswith(f"https://{CDN}/posts/") for url in offered)
    assert len(media_on_s3.stored_names()) == 7


def test_bodies_follow_the_images_to_a_new_cdn_once_rendered_again(
    editor, make_post, media_on_s3, settings
):
    address = drop_into_editor(editor)
    post = make_post(body=f"![Two chairs by a window]({address})\n")
    assert all(
        url.startswith(media_on_s3.public_url("posts/")) for url in picture_urls(post.body_html)
    )

    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_on_s3.storage(AWS_S3_CUSTOM_DOMAIN=CDN),
    }
    call_command("rerender_posts", stdout=io.StringIO())

    post.refresh_from_db()
    offered = picture_urls(post.body_html)
    assert len(offered) == 6
    assert all(url.startswith(f"https://{CDN}/posts/") for url in offered)
    assert f"({address})" in post.body


def test_an_uploads_address_on_this_site_redirects_to_the_bucket(editor, media_on_s3):
    address = drop_into_editor(editor)

    response = editor.get(address)

    assert response.status_code == 302
    assert response["Location"] == media_on_s3.public_url(address.removeprefix("/media/"))
    with urllib.request.urlopen(response["Location"], timeout=10) as image:
        assert Image.open(image).size == WIDE_PHOTO


def test_on_disk_the_address_is_served_only_in_development(editor, media_root, settings):
    address = drop_into_editor(editor)

    assert editor.get(address).status_code == 404  # the reverse proxy's to serve
    settings.DEBUG = True
    served = editor.get(address)
    assert served.status_code == 200
    assert (
        b"".join(served.streaming_content) == (media_root / address[len("/media/") :]).read_bytes()
    )


def publishing(make_post, body):
    post = make_post(status=Post.Status.DRAFT, body=body)
    post.status = Post.Status.PUBLISHED
    return post


@pytest.mark.parametrize("address", ["site", "bucket"])
def test_an_image_uploaded_to_the_bucket_may_be_published_by_either_address(
    editor, make_post, media_on_s3, address
):
    site_address = drop_into_editor(editor)
    src = {
        "site": site_address,
        "bucket": media_on_s3.public_url(site_address.removeprefix("/media/")),
    }[address]

    post = publishing(make_post, f"![Two chairs by a window]({src})")
    post.full_clean()
    post.save()

    assert len(picture_urls(post.body_html)) == 6


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(lambda server: f"https://evil.example/{HEX_NAME}", id="another host"),
        pytest.param(
            lambda server: f"{server.endpoint_url}/another-bucket/{HEX_NAME}",
            id="another bucket on the same server",
        ),
        pytest.param(
            lambda server: server.public_url(HEX_NAME).replace(
                "127.0.0.1", "127.0.0.1.evil.example"
            ),
            id="a host that begins like the server's",
        ),
        pytest.param(
            lambda server: server.public_url("posts/lake.jpg"), id="not named as uploads are"
        ),
    ],
)
def test_images_from_elsewhere_are_still_refused_with_media_in_a_bucket(
    make_post, media_on_s3, src
):
    post = publishing(make_post, f"![A lake]({src(media_on_s3)})")

    with pytest.raises(ValidationError) as refused:
        post.full_clean()

    assert "linking them from another site" in refused.value.message_dict["body"][0]


def test_unused_body_images_are_deleted_from_the_bucket_once_a_day_old(make_post, media_on_s3):
    shown = stored_by_cron()
    make_post(body=f"![A path](/media/{shown})")
    unused = stored_by_cron()

    call_command("delete_unused_images", stdout=io.StringIO())
    assert len(media_on_s3.stored_names()) == 14  # both within the day's grace

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        output = io.StringIO()
        call_command("delete_unused_images", stdout=output)

    assert "Deleted 1 unused image(s)" in output.getvalue()
    assert unused in output.getvalue()
    assert {upload_of(key) for key in media_on_s3.stored_names()} == {upload_of(shown)}


def test_a_replaced_featured_image_is_deleted_from_the_bucket(
    make_post, media_on_s3, django_capture_on_commit_callbacks
):
    post = make_post(featured_image=upload(photo((1000, 600))), featured_image_alt="A room.")
    old = post.featured_image.name

    with django_capture_on_commit_callbacks(execute=True):
        post.featured_image = upload(photo((1600, 900)))
        post.save()

    assert {upload_of(key) for key in media_on_s3.stored_names()} == {
        upload_of(post.featured_image.name)
    }
    assert upload_of(old) != upload_of(post.featured_image.name)


def test_a_server_started_with_the_s3_environment_stores_in_the_bucket(s3_server):
    """What a gunicorn server started for the tests gets: environment() is all it needs."""
    bucket = s3_server.with_new_bucket()
    own = ("DJANGO_", "AWS_", "MEDIA_STORAGE", "DATABASE_URL")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(own)}
    store = (
        "from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage;"
        "print(default_storage.save('posts/hello.txt', ContentFile(b'hello')))"
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", store],
        cwd=settings.BASE_DIR,
        env={**environment, **bucket.environment()},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert bucket.stored_names() == ["posts/hello.txt"]
