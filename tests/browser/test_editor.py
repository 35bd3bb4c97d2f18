"""An editor writes in the admin: the preview follows, a dropped file is kept or refused,
and the published post appears on the blog with its photo."""

import base64
import re

import pytest
from playwright.sync_api import expect

from tests.image_files import photo

pytestmark = pytest.mark.browser


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


def loaded_width(image):
    """The image's natural width once the browser has fetched it: 0 if it could not."""
    image.scroll_into_view_if_needed()
    return image.evaluate(
        """img => img.complete ? img.naturalWidth : new Promise(resolve => {
            img.addEventListener("load", () => resolve(img.naturalWidth));
            img.addEventListener("error", () => resolve(0));
        })"""
    )


def test_editor_writes_previews_drops_in_a_photo_and_publishes(
    page, sign_in, media_root, category, therapist
):
    sign_in("Editors")
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

    body.fill(body.input_value().replace("![](", "![A path through a park]("))
    expect(preview.get_by_role("img", name="A path through a park")).to_be_visible()

    page.get_by_label("Title:", exact=True).fill("Before your first session")
    page.get_by_label("Summary:", exact=True).fill("What to expect, and how to get there.")
    page.get_by_label("Author:", exact=True).select_option(label=therapist.name)
    page.get_by_label("Category:", exact=True).select_option(label=category.name)
    # Published with no publish time: public now.
    page.get_by_label("Status:", exact=True).select_option(label="Published")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_have_text("“Before your first session” is published.")

    page.goto("/blog/")
    page.get_by_role("link", name="Before your first session").click()
    photo_in_body = page.locator(".prose picture").get_by_role("img", name="A path through a park")
    expect(photo_in_body).to_be_visible()
    assert loaded_width(photo_in_body) > 0


def test_editor_writes_a_page_with_a_photo_and_puts_it_in_the_navigation(page, sign_in, media_root):
    sign_in("Editors")
    page.goto("/admin/practice/page/add/")
    body = page.locator("#id_body")
    preview = page.locator(".markdownx-preview").first

    page.get_by_label("Title:", exact=True).fill("Our office")
    body.fill("## The room\n\nQuiet, with a window onto the garden.\n\n")
    expect(preview.get_by_role("heading", name="The room")).to_be_visible()
    drop(page, "#id_body", photo((800, 600)), "room.jpg")
    expect(body).to_have_value(re.compile(r"!\[\]\(/media/posts/[0-9a-f]{32}\.jpg\)$"))
    body.fill(body.input_value().replace("![](", "![Two armchairs by a window]("))
    page.get_by_label("Status:", exact=True).select_option(label="Published")
    page.get_by_label("Place in the main navigation:", exact=True).fill("1")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Our office").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our office")
    room = page.locator(".prose picture").get_by_role("img", name="Two armchairs by a window")
    expect(room).to_be_visible()
    assert loaded_width(room) > 0
