"""An editor writes in the admin: the preview follows, and a dropped file is kept or refused."""

import base64
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from tests.image_files import photo

pytestmark = pytest.mark.browser

PASSWORD = "a long editor password"


@pytest.fixture
def editor(transactional_db, django_user_model):
    call_command("setup_roles", verbosity=0)
    user = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def drop(page, target, data, name):
    """Drop a file onto an element, as dragging it from the desktop does."""
    page.locator(target).evaluate(
        """(element, [data, name]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const files = new DataTransfer();
            files.items.add(new File([bytes], name, {type: "image/jpeg"}));
            element.dispatchEvent(new DragEvent("drop", {dataTransfer: files, bubbles: true}));
        }""",
        [base64.b64encode(data).decode(), name],
    )


def test_editor_sees_the_preview_and_drops_in_a_photo_but_not_a_fake(
    page, editor, media_root, category, therapist
):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/blog/post/add/")
    body = page.locator("#id_body")
    preview = page.locator(".markdownx-preview")

    body.fill("## Before you arrive\n\n- Walk for ten minutes\n\n")
    expect(preview.get_by_role("heading", name="Before you arrive")).to_be_visible()
    expect(preview.get_by_role("listitem")).to_have_text("Walk for ten minutes")

    drop(page, "#id_body", b"<html>not an image</html>", "holiday.jpg")
    expect(page.locator("ul.errorlist[data-upload-errors]")).to_contain_text(
        "not a JPEG, PNG, WebP or GIF image"
    )
    expect(body).not_to_have_value("Invalid response", timeout=2_000)
    expect(body).to_have_value("## Before you arrive\n\n- Walk for ten minutes\n\n")

    drop(page, "#id_body", photo((800, 600)), "IMG_0001.jpg")
    expect(body).to_have_value(
        re.compile(r"Walk for ten minutes\n\n!\[\]\(/media/posts/[0-9a-f]{32}\.jpg\)$")
    )
    expect(page.locator("ul.errorlist[data-upload-errors]")).to_have_count(0)
    # The photo, and renditions 480 and 800 pixels wide in WebP and JPEG.
    assert len(list((media_root / "posts").iterdir())) == 5
