"""A photo dropped or pasted into the editor shows its upload's progress, then asks for its
description; only a described photo goes into the text."""

import base64
import re

import pytest
from playwright.sync_api import expect

from tests.image_files import photo

from .test_editor import describe_image, drop

pytestmark = pytest.mark.browser

STORED = r"/media/posts/[0-9a-f]{32}\.jpg"


@pytest.fixture
def slow_upload(page):
    """An upload link of about 10 KB a second, so that the progress shows for a while."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 10_000},
    )


def test_a_dropped_photo_shows_its_progress_then_asks_for_its_description(
    page, sign_in, media_root, slow_upload
):
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    body = page.locator("#id_body")
    body.fill("Our waiting room.")

    drop(page, "#id_body", photo((1200, 900)), "waiting-room.jpg")

    progress = page.get_by_role("progressbar", name="Uploading waiting-room.jpg")
    expect(progress).to_be_visible()
    dialog = page.get_by_role("dialog", name="Describe this image")
    expect(dialog).to_be_visible(timeout=20_000)
    expect(progress).to_have_count(0)
    expect(body).to_have_value("Our waiting room.")
    # Inserting needs a description.
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Description (alt text)")).to_be_focused()
    expect(body).to_have_value("Our waiting room.")

    describe_image(page, "Three chairs [and a lamp]")

    expect(body).to_have_value(
        re.compile(rf"Our waiting room\.\n\n!\[Three chairs \\\[and a lamp\\\]\]\({STORED}\)$")
    )
    expect(body).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="waiting-room.jpg was added")).to_be_visible()


def test_a_photo_left_undescribed_is_left_out(page, sign_in, media_root):
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    body = page.locator("#id_body")
    body.fill("Text.")

    drop(page, "#id_body", photo((800, 600)), "IMG_0002.jpg")
    page.get_by_role("dialog", name="Describe this image").get_by_role(
        "button", name="Leave it out"
    ).click()

    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(body).to_have_value("Text.")
    expect(page.get_by_role("status").filter(has_text="IMG_0002.jpg was left out")).to_be_visible()


def test_a_pasted_photo_is_described_and_inserted_where_the_caret_was(page, sign_in, media_root):
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    body = page.locator("#id_body")
    body.fill("First paragraph.\n\nLast paragraph.")
    body.evaluate("area => area.setSelectionRange(16, 16)")

    body.evaluate(
        """(area, data) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const files = new DataTransfer();
            files.items.add(new File([bytes], "image.png", {type: "image/jpeg"}));
            area.dispatchEvent(new ClipboardEvent("paste", {clipboardData: files, bubbles: true}));
        }""",
        base64.b64encode(photo((640, 480))).decode(),
    )
    describe_image(page, "A garden path")

    expect(body).to_have_value(
        re.compile(rf"^First paragraph\.\n\n!\[A garden path\]\({STORED}\)\n\nLast paragraph\.$")
    )


def test_publishing_still_refuses_a_photo_without_a_description(
    page, sign_in, media_root, category, therapist
):
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    drop(page, "#id_body", photo((800, 600)), "IMG_0003.jpg")
    describe_image(page, "A lake")
    body = page.locator("#id_body")
    # The editor takes the description out again by hand.
    body.fill(body.input_value().replace("![A lake]", "![]"))
    page.get_by_label("Title:", exact=True).fill("Lakes")
    page.get_by_label("Summary:", exact=True).fill("On lakes.")
    page.get_by_label("Author:", exact=True).select_option(label=therapist.name)
    page.get_by_label("Category:", exact=True).select_option(label=category.name)
    page.get_by_label("Status:", exact=True).select_option(label="Published")

    page.locator("input[name=_save]").click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#id_body_error")).to_contain_text("Describe each image")
