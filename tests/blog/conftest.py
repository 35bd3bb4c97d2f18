import pytest
from django.utils import timezone

from blog.models import Post
from tests.image_files import photo, upload


@pytest.fixture
def featured_image(media_root):
    """A small photo upload, stored under the temporary media root."""
    return upload(photo(), name="calm-lake.jpg")


@pytest.fixture
def post_form(therapist, category):
    """What an editor fills in on the add form, publishing now unless told otherwise."""

    def fill(**fields):
        now = timezone.localtime()
        data = {
            "title": "Listening to understand",
            "slug": "listening-to-understand",
            "summary": "How to listen so that your partner feels heard.",
            "body": "## Slow down\n\n- Breathe\n- Ask\n",
            "author": therapist.pk,
            "category": category.pk,
            "status": Post.Status.PUBLISHED,
            "publish_at_0": now.strftime("%Y-%m-%d"),
            "publish_at_1": now.strftime("%H:%M:%S"),
            "featured_image_alt": "",
            "seo_title": "",
            "seo_description": "",
            # The review links' inline, empty.
            "review_links-TOTAL_FORMS": "0",
            "review_links-INITIAL_FORMS": "0",
        }
        return {key: value for key, value in {**data, **fields}.items() if value is not None}

    return fill
