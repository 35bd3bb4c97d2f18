import pytest

from tests.image_files import photo, upload


@pytest.fixture
def featured_image(media_root):
    """A small photo upload, stored under the temporary media root."""
    return upload(photo(), name="calm-lake.jpg")
