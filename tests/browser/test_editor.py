"""An editor writes in the admin: the preview follows beside the text in the site's own
style, a dropped photo is uploaded and described before it goes in (or refused, saying
why), and the published post appears on the blog with its photo."""

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


def preview_of(page):
    """The first editor's preview: the site's own page, in a frame beside the text."""
    return page.frame_locator("iframe.markdown-editor__preview").first


def describe_image(page, description):
    """Answer the question an uploaded image brings up, and insert it."""
    dialog = page.get_by_role("dialog", name="Describe this image")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Description (alt text)").fill(description)
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_have_count(0)


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
    preview = preview_of(page)

    body.fill("## Before you arrive\n\n- Walk for ten minutes\n\n")
    expect(preview.get_by_role("heading", name="Before you arrive")).to_be_visible()
    expect(preview.get_by_role("listitem")).to_have_text("Walk for ten minutes")

    drop(page, "#id_body", b"<html>not an image</html>", "holiday.jpg")
    expect(page.locator("ul.errorlist[data-editor-errors]")).to_contain_text(
        "not a JPEG, PNG, WebP or GIF image"
    )
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(body).to_have_value("## Before you arrive\n\n- Walk for ten minutes\n\n")

    drop(page, "#id_body", photo((800, 600)), "IMG_0001.jpg")
    describe_image(page, "A path through a park")
    expect(body).to_have_value(
        re.compile(
            r"Walk for ten minutes\n\n!\[A path through a park\]"
            r"\(/media/posts/[0-9a-f]{32}\.jpg\)$"
        )
    )
    expect(page.locator("ul.errorlist[data-editor-errors]")).to_have_count(0)
    # The photo, and its renditions in WebP and JPEG.
    assert len(list((media_root / "posts").iterdir())) == 5
    previewed_photo = preview.locator("picture").get_by_role("img", name="A path through a park")
    expect(previewed_photo).to_be_visible()

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

    page.get_by_label("Title:", exact=True).fill("Our office")
    body.fill("## The room\n\nQuiet, with a window onto the garden.")
    expect(preview_of(page).get_by_role("heading", name="The room")).to_be_visible()
    drop(page, "#id_body", photo((800, 600)), "room.jpg")
    describe_image(page, "Two armchairs by a window")
    expect(body).to_have_value(
        re.compile(r"garden\.\n\n!\[Two armchairs by a window\]\(/media/posts/[0-9a-f]{32}\.jpg\)$")
    )
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
