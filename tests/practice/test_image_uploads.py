"""Only real images are stored, cleaned of what the camera recorded, under unguessable names."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from practice.images import LARGEST_SIDE, MAX_UPLOAD_BYTES
from tests.image_files import (
    LEFT_COLOUR,
    RIGHT_COLOUR,
    decompression_bomb,
    phone_photo,
    photo,
    upload,
)

UPLOAD_URL = reverse("admin:markdown_upload")
STORED_URL = re.compile(r"/media/(posts/[0-9a-f]{32}\.(jpg|png|webp|gif))")


def send(client, file):
    return client.post(UPLOAD_URL, {"image": file})


def stored_path(media_root, response):
    """The stored file an accepted upload's address points at."""
    assert response.status_code == 200, response.content
    name = STORED_URL.fullmatch(response.json()["url"])[1]
    return media_root / name


def is_near(pixel, colour):
    """Equal but for JPEG's small changes."""
    return sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 60


def refusal(response):
    assert response.status_code == 400
    return " ".join(response.json()["image"])


def test_a_photo_is_stored_under_media_root_with_a_random_name(editor, media_root):
    first = stored_path(media_root, send(editor, upload(photo(), name="our-house.jpg")))
    second = stored_path(media_root, send(editor, upload(photo(), name="our-house.jpg")))

    assert first.is_file()
    assert first.parent == second.parent == media_root / "posts"
    assert "our-house" not in first.name
    assert first != second


@pytest.mark.parametrize(
    ("format", "extension"), [("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_png_webp_and_gif_are_accepted_and_keep_their_format(editor, media_root, format, extension):
    stored = stored_path(media_root, send(editor, upload(photo(format=format), name="x.img")))

    assert stored.suffix == f".{extension}"
    assert Image.open(stored).format == format


def test_a_file_only_named_jpg_is_refused(editor, media_root):
    impostor = upload(b"<html><script>alert(1)</script></html>", name="photo.jpg")

    message = refusal(send(editor, impostor))

    assert "not a JPEG, PNG, WebP or GIF image" in message
    assert not (media_root / "posts").exists()


def test_an_svg_is_refused_even_when_it_says_it_is_an_image(editor, media_root):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'

    message = refusal(send(editor, upload(svg, name="logo.svg", content_type="image/svg+xml")))

    assert "SVG" in message
    assert not (media_root / "posts").exists()


def test_a_file_over_10_mb_is_refused(editor, media_root):
    # A real JPEG, padded past the limit: decoders ignore what follows the image.
    oversized = photo() + bytes(MAX_UPLOAD_BYTES)

    message = refusal(send(editor, upload(oversized)))

    assert "over the 10 MB limit" in message
    assert not (media_root / "posts").exists()


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(8_000, 8_000, id="64 megapixels, beyond the site's limit"),
        pytest.param(30_000, 30_000, id="900 megapixels, beyond Pillow's own limit"),
    ],
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(editor, media_root, width, height):
    bomb = decompression_bomb(width, height)
    assert len(bomb) < 100

    message = refusal(send(editor, upload(bomb, name="bomb.png", content_type="image/png")))

    assert "more than 50 million pixels" in message
    assert not (media_root / "posts").exists()


def test_an_animated_gif_is_refused(editor, media_root):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])

    message = refusal(send(editor, upload(buffer.getvalue(), name="a.gif")))

    assert "Animated images cannot be used" in message


def test_a_damaged_image_is_refused(editor):
    truncated = photo(size=(400, 300))[:300]

    message = refusal(send(editor, upload(truncated)))

    assert "could not be read" in message


@pytest.mark.parametrize("colour_profile", [True, False], ids=["with profile", "without"])
def test_gps_position_camera_details_and_colour_profile_are_removed(
    editor, media_root, colour_profile
):
    original = phone_photo(colour_profile=colour_profile)
    assert b"PhoneMaker" in original

    stored = stored_path(media_root, send(editor, upload(original)))

    for file in stored.parent.iterdir():  # the stored image and each rendition
        image = Image.open(file)
        assert not image.getexif(), file.name
        assert "icc_profile" not in image.info, file.name
        assert b"PhoneMaker" not in file.read_bytes()


def test_the_phones_orientation_is_applied_to_the_pixels(editor, media_root):
    # Orientation 6: the camera was held on its side; viewers turn the image 90° clockwise.
    stored = stored_path(media_root, send(editor, upload(phone_photo((64, 48), orientation=6))))

    image = Image.open(stored).convert("RGB")
    assert image.size == (48, 64)
    # The left half of the sensor's image is now the top half.
    assert is_near(image.getpixel((24, 4)), LEFT_COLOUR)
    assert is_near(image.getpixel((24, 60)), RIGHT_COLOUR)


def test_a_49_megapixel_photo_within_the_limits_is_stored_at_a_size_pages_use(editor, media_root):
    """The largest photo the limits allow is shrunk before anything else is done with it.

    Stored whole and re-encoded, it once took 35 seconds (over gunicorn's timeout) and
    1.6 GB; benchmarks/hostile_input.py times it.
    """
    large = Image.linear_gradient("L").resize((7_000, 7_000)).convert("RGB")
    buffer = io.BytesIO()
    large.save(buffer, "PNG")
    assert len(buffer.getvalue()) < MAX_UPLOAD_BYTES

    stored = stored_path(media_root, send(editor, upload(buffer.getvalue(), name="big.png")))

    assert Image.open(stored).size == (LARGEST_SIDE, LARGEST_SIDE)
    widths = sorted(Image.open(file).width for file in stored.parent.glob(f"{stored.stem}-*"))
    assert widths == [480, 480, 960, 960, 1600, 1600]


def test_a_large_phone_photo_is_shrunk_after_being_turned_upright(editor, media_root):
    sideways = phone_photo((4_000, 3_000), orientation=6)

    stored = stored_path(media_root, send(editor, upload(sideways)))

    image = Image.open(stored).convert("RGB")
    assert image.size == (1_800, LARGEST_SIDE)
    assert is_near(image.getpixel((900, 40)), LEFT_COLOUR)
    assert is_near(image.getpixel((900, LARGEST_SIDE - 40)), RIGHT_COLOUR)


@pytest.mark.parametrize("format", ["JPEG", "WEBP", "PNG", "GIF"])
def test_a_photo_smaller_than_the_largest_side_keeps_its_size(editor, media_root, format):
    original = photo((1_200, 800), format)

    stored = stored_path(media_root, send(editor, upload(original, name=f"a.{format.lower()}")))

    assert Image.open(stored).size == (1_200, 800)
