"""Nothing an editor writes is lost: leaving with unsaved changes asks first, and the text
kept in the browser comes back after a reload, a closed tab or an expired session."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import Post

from .conftest import PHONE

pytestmark = pytest.mark.browser

ADD_POST = "/admin/blog/post/add/"
KEPT = "This form has changes from"


def type_into(page, label, text):
    """Type as a person does: key by key, which also counts as using the page."""
    field = page.get_by_label(label, exact=True)
    field.click()
    field.press_sequentially(text)


def wait_until_kept(page, containing=""):
    """Until the browser keeps a copy of the form, holding `containing` if given: the copy
    is written a moment after the last change."""
    page.wait_for_function(
        """text => Object.entries(localStorage).some(
            ([key, kept]) => key.startsWith('unsaved-edits:') && kept.includes(text)
        )""",
        arg=containing,
    )


def kept_drafts(page):
    return page.evaluate(
        "() => Object.keys(localStorage).filter(key => key.startsWith('unsaved-edits:'))"
    )


def wait_until_none_kept(page):
    """The page forgets saved copies once it has loaded, which may be after it shows."""
    page.wait_for_function(
        "() => !Object.keys(localStorage).some(key => key.startsWith('unsaved-edits:'))"
    )


def test_leaving_with_unsaved_changes_asks_first(page, sign_in):
    sign_in("Editors")
    page.goto(ADD_POST)
    type_into(page, "Title:", "Half a thought")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="Posts", exact=True).first.click()

    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith(ADD_POST)
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Half a thought")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Posts", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/admin/blog/post/$"))


def test_leaving_an_unchanged_form_does_not_ask(page, sign_in):
    sign_in("Editors")
    page.goto(ADD_POST)
    page.locator("#id_body").click()
    page.on("dialog", lambda dialog: pytest.fail(f"asked: {dialog.type}"))

    page.get_by_role("link", name="Posts", exact=True).first.click()

    expect(page).to_have_url(re.compile(r"/admin/blog/post/$"))


def test_the_text_comes_back_after_a_reload(page, sign_in):
    sign_in("Editors")
    page.goto(ADD_POST)
    type_into(page, "Title:", "Rest")
    page.locator("#id_body").fill("## Why rest matters\n\nIt is not a reward.")
    wait_until_kept(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()

    expect(page.get_by_label("Title:", exact=True)).to_have_value("")
    notice = page.get_by_role("status").filter(has_text=KEPT)
    notice.get_by_role("button", name="Restore them").click()
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Rest")
    expect(page.locator("#id_body")).to_have_value("## Why rest matters\n\nIt is not a reward.")
    preview = page.frame_locator("iframe.markdown-editor__preview").first
    expect(preview.get_by_role("heading", name="Why rest matters")).to_be_visible()
    expect(notice).to_have_count(0)


def test_the_text_comes_back_in_a_new_tab_after_the_old_one_closed(page, sign_in):
    sign_in("Editors")
    page.goto(ADD_POST)
    page.locator("#id_body").fill("Written before the tab closed.")
    wait_until_kept(page)
    context = page.context
    page.close()

    new_tab = context.new_page()
    new_tab.goto(ADD_POST)

    new_tab.get_by_role("button", name="Restore them").click()
    expect(new_tab.locator("#id_body")).to_have_value("Written before the tab closed.")
    new_tab.close()


def test_discarded_text_is_not_offered_again(page, sign_in):
    sign_in("Editors")
    page.goto(ADD_POST)
    page.locator("#id_body").fill("Not worth keeping.")
    wait_until_kept(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()

    page.get_by_role("button", name="Discard them").click()
    page.reload()

    expect(page.locator("#id_body")).to_have_value("")
    expect(page.get_by_role("button", name="Restore them")).to_have_count(0)
    assert kept_drafts(page) == []


def test_saving_after_the_session_expired_signs_in_and_keeps_the_text(page, sign_in, make_post):
    user = sign_in("Editors")
    post = make_post("Boundaries", body="The first version.")
    page.goto(f"/admin/blog/post/{post.pk}/change/")
    body = page.locator("#id_body")
    body.fill("The version written while the session ran out.")
    wait_until_kept(page)
    page.context.clear_cookies(name="sessionid")

    page.locator("input[name=_save]").click()

    expect(page).to_have_url(re.compile(r"/admin/account/login/"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a long password for the browser")
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(rf"/admin/blog/post/{post.pk}/change/$"))
    expect(page.get_by_role("status").filter(has_text="You were signed out")).to_be_visible()
    expect(body).to_have_value("The version written while the session ran out.")

    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    post.refresh_from_db()
    assert post.body == "The version written while the session ran out."
    wait_until_none_kept(page)
    page.goto(f"/admin/blog/post/{post.pk}/change/")
    expect(page.get_by_role("button", name="Restore them")).to_have_count(0)


def test_a_saved_form_keeps_no_copy(page, sign_in, category, therapist):
    page.set_viewport_size(PHONE)
    sign_in("Editors")
    page.goto(ADD_POST)
    page.get_by_label("Title:", exact=True).fill("Saved at once")
    page.get_by_label("Summary:", exact=True).fill("Short.")
    page.locator("#id_body").fill("Saved before anything could go wrong.")
    page.get_by_label("Author:", exact=True).select_option(label=therapist.name)
    page.get_by_label("Category:", exact=True).select_option(label=category.name)
    wait_until_kept(page)

    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Post.objects.filter(title="Saved at once").exists()
    wait_until_none_kept(page)
