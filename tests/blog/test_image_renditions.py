"""Each image is made once in a few sizes, and pages let the browser pick the size it needs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tests.image_files import photo, upload
from tests.parsing import find_all

WIDE_PHOTO = (2000, 1000)
RENDITIONS = {480: 240, 960: 480, 1600: 800}


@pytest.fixture
def illustrated_post(make_post, media_root):
    def make(size=WIDE_PHOTO, **fields):
        return make_post(
            featured_image=upload(photo(size)), featured_image_alt="A quiet room.", **fields
        )

    return make


def srcset_widths(srcset):
    return [int(candidate.split()[1].removesuffix("w")) for candidate in srcset.split(", ")]


def srcset_files(media_root, srcset):
    return [
        media_root / candidate.split()[0].removeprefix("/media/")
        for candidate in srcset.split(", ")
    ]


def the_picture_in(html, container_class, media_root):
    """The one `<picture>` inside the container, checked to offer every rendition of a
    2000 by 1000 photo in WebP and JPEG; returns its `<img>`."""
    [source] = [s for s in find_all(html, "source") if s.is_inside(class_=container_class)]
    [img] = [i for i in find_all(html, "img") if i.is_inside(class_=container_class)]
    assert source.attrs["type"] == "image/webp"
    for srcset in [source.attrs["srcset"], img.attrs["srcset"]]:
        assert srcset_widths(srcset) == list(RENDITIONS)
        assert all(path.is_file() for path in srcset_files(media_root, srcset))
    assert img.attrs["srcset"].count(".jpg ") == len(RENDITIONS)
    assert source.attrs["sizes"] == img.attrs["sizes"]
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "800")
    return img


def test_renditions_are_made_at_upload_in_webp_and_the_original_format(
    illustrated_post, media_root
):
    post = illustrated_post()
    stem = post.featured_image.name.removeprefix("posts/").removesuffix(".jpg")

    for width, height in RENDITIONS.items():
        for extension, format in [("webp", "WEBP"), ("jpg", "JPEG")]:
            rendition = Image.open(media_root / "posts" / f"{stem}-{width}w.{extension}")
            assert (rendition.format, rendition.size) == (format, (width, height))


def test_a_small_image_is_never_enlarged(illustrated_post, media_root):
    post = illustrated_post(size=(300, 200))

    stored = sorted(path.name for path in (media_root / "posts").iterdir())

    stem = post.featured_image.name.removeprefix("posts/").removesuffix(".jpg")
    assert stored == [f"{stem}-300w.jpg", f"{stem}-300w.webp", f"{stem}.jpg"]


def test_the_post_page_offers_every_size_of_its_featured_image(
    client, illustrated_post, media_root
):
    post = illustrated_post()

    html = client.get(post.get_absolute_url()).content.decode()

    img = the_picture_in(html, "post__image", media_root)
    assert img.attrs["alt"] == "A quiet room."
    assert "loading" not in img.attrs  # the first thing a reader sees is not held back


def test_lists_show_featured_images_lazily_after_the_first(client, illustrated_post):
    illustrated_post(title="Older")
    illustrated_post(title="Newer")

    html = client.get("/blog/").content.decode()

    images = [img for img in find_all(html, "img") if img.is_inside(class_="post-card__image")]
    assert [img.attrs["loading"] for img in images] == ["eager", "lazy"]
    assert all(srcset_widths(img.attrs["srcset"]) == list(RENDITIONS) for img in images)
    assert all(img.attrs["sizes"] and img.attrs["width"] == "1600" for img in images)


def test_featured_images_add_no_queries_to_lists(
    client, illustrated_post, django_assert_num_queries
):
    illustrated_post()
    with CaptureQueriesContext(connection) as one_post:
        client.get("/blog/")
    illustrated_post()
    illustrated_post()

    with django_assert_num_queries(len(one_post)):
        client.get("/blog/")


def test_an_image_dropped_into_the_body_is_served_in_every_size(
    client, log_in, make_post, media_root
):
    log_in("Editors")
    url = client.post(
        reverse("admin:markdown_upload"), {"image": upload(photo(WIDE_PHOTO))}
    ).json()["url"]
    alt_text = "Two chairs facing a window"
    post = make_post(body=f"Our room.\n\n![{alt_text}]({url})\n")

    html = client.get(post.get_absolute_url()).content.decode()

    img = the_picture_in(html, "prose", media_root)
    assert img.attrs["alt"] == alt_text
    assert img.attrs["loading"] == "lazy"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://example.com/chart.png", id="elsewhere"),
        pytest.param(f"/media/posts/{'0' * 32}.png", id="named like an upload, never stored"),
    ],
)
def test_other_images_in_the_body_are_left_as_written(make_post, media_root, url):
    post = make_post(body=f"![A chart]({url})\n")

    assert post.body_html == f'<p><img src="{url}" alt="A chart"></p>'
