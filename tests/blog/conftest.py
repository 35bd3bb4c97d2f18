import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture
def featured_image(settings, tmp_path):
    """A small PNG upload, stored under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    png = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(png, "PNG")
    return SimpleUploadedFile("calm-lake.png", png.getvalue(), content_type="image/png")
