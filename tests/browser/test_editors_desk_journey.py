"""An editor's morning, as a new user would try it: write a post, drop in a photo and
describe it, close the tab by mistake and get the text back, preview it beside the text
in the site's style, send a review link to a colleague who reads it signed out, publish
it now, edit it, then compare and restore the first version."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import Post
from tests.image_files import photo

from .conftest import DESKTOP
from .test_editor import describe_image, drop, preview_of
from .test_unsaved_edits import wait_until_kept

pytestmark = pytest.mark.browser

FIRST_BODY_START = "## Why sleep comes first\n\nA rested mind argues less."


def test_an_editor_writes_reviews_publishes_edits_and_restores_a_post(
    page, browser, live_server, sign_in, media_root, category, therapist
):
    page.set_viewport_size(DESKTOP)
    sign_in("Editors")

    # Write, with a photo described on the way in.
    page.goto("/admin/blog/post/add/")
    page.get_by_label("Title:", exact=True).fill("Sleep and arguments")
    page.get_by_label("Summary:", exact=True).fill("Why tired couples fight more.")
    body = page.locator("#id_body")
    body.fill(FIRST_BODY_START)
    body.press("End")
    drop(page, "#id_body", photo((1200, 800)), "bedroom.jpg")
    describe_image(page, "A quiet bedroom at dusk")
    written = body.input_value()
    assert re.fullmatch(
        r"## Why sleep comes first\n\nA rested mind argues less\.\n\n"
        r"!\[A quiet bedroom at dusk\]\(/media/posts/[0-9a-f]{32}\.jpg\)",
        written,
    )
    wait_until_kept(page, containing="A quiet bedroom at dusk")

    # The tab closes by mistake; a new one offers the text back.
    context = page.context
    page.close()
    page = context.new_page()
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10_000)
    page.goto("/admin/blog/post/add/")
    page.get_by_role("button", name="Restore them").click()
    body = page.locator("#id_body")
    expect(body).to_have_value(written)
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Sleep and arguments")

    # The preview sits beside the text, in the site's own style, photo and all.
    preview = preview_of(page)
    expect(preview.get_by_role("heading", name="Why sleep comes first")).to_be_visible()
    expect(
        preview.locator("picture").get_by_role("img", name="A quiet bedroom at dusk")
    ).to_be_visible()
    text = body.bounding_box()
    frame = page.locator("iframe.markdown-editor__preview").first.bounding_box()
    assert frame["x"] >= text["x"] + text["width"]
    assert "/static/css/site" in preview.locator("link[rel=stylesheet]").get_attribute("href")

    # Saved as a draft, with a review link for a colleague.
    page.get_by_label("Category:", exact=True).select_option(label=category.name)
    expect(page.get_by_label("Author:", exact=True)).to_have_value(str(therapist.pk))
    page.get_by_role("button", name="Add another Review link").click()
    page.locator("#id_review_links-0-reviewer").fill("Dr. Lee, clinical review")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("is saved as a draft")
    review_url = page.locator(".field-link a").get_attribute("href")

    colleague = browser.new_context(base_url=live_server.url)
    colleague_page = colleague.new_page()
    response = colleague_page.goto(review_url)
    assert "noindex" in response.headers["x-robots-tag"]
    expect(colleague_page.get_by_role("heading", level=1)).to_have_text("Sleep and arguments")
    expect(colleague_page.get_by_text("Review copy: not published.")).to_be_visible()
    expect(colleague_page.get_by_role("img", name="A quiet bedroom at dusk")).to_be_visible()
    colleague.close()

    # Published now: no time needed.
    page.get_by_label("Status:", exact=True).select_option(label="Published")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_have_text("“Sleep and arguments” is published.")
    post = Post.objects.get(title="Sleep and arguments")
    assert post.is_published

    # Edited.
    page.goto(f"/admin/blog/post/{post.pk}/change/")
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("argues less", "argues less, and listens more"))
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_have_text("“Sleep and arguments” is published.")

    # Compared, and the first version restored.
    page.goto(f"/admin/blog/post/{post.pk}/history/")
    page.get_by_role("button", name="Compare the two chosen").click()
    change = page.locator(".field-change").filter(has=page.get_by_role("heading", name="Body"))
    expect(change.locator("ins")).to_contain_text("and listens more")
    page.goto(f"/admin/blog/post/{post.pk}/history/")
    page.get_by_role("link", name="Restore").last.click()
    expect(page.locator("#id_body")).to_have_value(written)
    # The first version was the draft: it comes back as one, unless published again here.
    expect(page.get_by_label("Status:", exact=True)).to_have_value("draft")
    page.get_by_label("Status:", exact=True).select_option(label="Published")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_have_text("“Sleep and arguments” is published.")

    page.goto(post.get_absolute_url())
    expect(page.locator(".prose")).to_contain_text("A rested mind argues less.")
    expect(page.locator(".prose")).not_to_contain_text("listens more")
