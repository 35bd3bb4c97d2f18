"""On a wide screen the preview sits beside the text, in the site's own article style, and
the word count and reading time follow the typing."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP
from .test_editor import preview_of

pytestmark = pytest.mark.browser


def test_the_preview_sits_beside_the_text_in_the_sites_own_style(page, sign_in):
    page.set_viewport_size(DESKTOP)
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    body = page.locator("#id_body")

    body.fill("## Why trust breaks\n\nSmall promises, *kept*, rebuild it.")

    heading = preview_of(page).get_by_role("heading", name="Why trust breaks")
    expect(heading).to_be_visible()
    text = body.bounding_box()
    frame = page.locator("iframe.markdown-editor__preview").bounding_box()
    assert frame["x"] >= text["x"] + text["width"]
    assert abs(frame["y"] - text["y"]) < 2
    assert heading.get_attribute("id") == "section-why-trust-breaks"
    stylesheets = preview_of(page).locator("link[rel=stylesheet]")
    expect(stylesheets).to_have_count(1)
    assert "/static/css/site" in stylesheets.get_attribute("href")
    paragraph = preview_of(page).locator(".prose p")
    assert "Georgia" in paragraph.evaluate("p => getComputedStyle(p).fontFamily")


def test_on_a_phone_the_preview_follows_the_text(page, sign_in):
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    body = page.locator("#id_body")
    body.fill("A few words.")
    expect(preview_of(page).get_by_text("A few words.")).to_be_visible()

    text = body.bounding_box()
    frame = page.locator("iframe.markdown-editor__preview").bounding_box()

    assert frame["y"] >= text["y"] + text["height"]
    assert frame["x"] + frame["width"] <= page.viewport_size["width"]


def test_the_word_count_and_reading_time_follow_the_typing(page, sign_in):
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    count = page.locator(".markdown-editor__count")
    expect(count).to_have_text("0 words · 1 min read")

    page.locator("#id_body").fill("word " * 450)

    expect(count).to_have_text("450 words · 3 min read")
