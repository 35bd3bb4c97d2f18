"""A therapist's photo is cleaned like every upload, and shown on the home page and, small,
on their admin form."""

import pytest
from django.urls import reverse
from PIL import Image

from practice.models import Therapist
from tests.image_files import phone_photo, upload
from tests.parsing import find_all


@pytest.fixture
def morgan_with_photo(media_root, therapist):
    therapist.photo = upload(phone_photo((1200, 1200)), name="IMG_2041.jpg")
    therapist.save()
    return Therapist.objects.get(pk=therapist.pk)


def test_the_photo_is_stored_without_its_camera_details_under_a_random_name(
    morgan_with_photo, media_root
):
    name = morgan_with_photo.photo.name

    assert name.startswith("therapists/")
    assert "IMG_2041" not in name
    with Image.open(media_root / name) as stored:
        assert not stored.getexif()
    assert (morgan_with_photo.photo_width, morgan_with_photo.photo_height) == (1200, 1200)


def test_the_home_page_shows_the_photo_at_the_size_it_needs(client, morgan_with_photo):
    html = client.get("/").content.decode()

    assert 'alt="Morgan"' in html
    assert "480w" in html
    assert f"/media/{morgan_with_photo.photo.name.removesuffix('.jpg')}" in html


def test_the_therapist_form_shows_the_photo_small(client, log_in, morgan_with_photo):
    log_in("Editors")

    url = reverse("admin:practice_therapist_change", args=[morgan_with_photo.pk])

    [thumbnail] = find_all(client.get(url).content.decode(), "img", class_="image-thumbnail")
    assert thumbnail.attrs["src"] == f"/media/{morgan_with_photo.photo.name[:-4]}-480w.jpg"
