"""axe-core finds no WCAG 2.2 AA violation on the editors' forms: the post form with its
side-by-side editor, the restore notice and the image description dialog."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

from blog.models import Post
from practice.models import Page, Service, Therapist
from tests.image_files import photo

from .conftest import DESKTOP, PHONE
from .test_editor import drop

pytestmark = pytest.mark.browser


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def editor_page(request, page, sign_in):
    page.set_viewport_size(request.param)
    sign_in("Editors")
    return page


@pytest.mark.parametrize(
    "form",
    ["post with a featured image", "new post", "page with questions", "service", "therapist"],
)
def test_the_editors_forms_have_no_violations(editor_page, assert_accessible, demo_content, form):
    post = Post.objects.get(slug="how-to-rebuild-trust-in-relationships")
    post.featured_image.save("room.jpg", ContentFile(photo((1200, 800))))
    url = {
        "post with a featured image": reverse("admin:blog_post_change", args=[post.pk]),
        "new post": reverse("admin:blog_post_add"),
        "page with questions": reverse(
            "admin:practice_page_change", args=[Page.objects.get(slug="faq").pk]
        ),
        "service": reverse("admin:practice_service_change", args=[Service.objects.first().pk]),
        "therapist": reverse(
            "admin:practice_therapist_change", args=[Therapist.objects.get(slug="morgan").pk]
        ),
    }[form]
    editor_page.goto(url)
    preview = editor_page.frame_locator("iframe.markdown-editor__preview").first
    expect(preview.locator("[data-preview]")).to_be_attached()

    assert_accessible(editor_page)


def test_the_restore_notice_has_no_violations(editor_page, assert_accessible):
    editor_page.goto("/admin/blog/post/add/")
    editor_page.locator("#id_body").fill("Kept in the browser.")
    editor_page.wait_for_function("() => Object.keys(localStorage).length > 0")
    editor_page.once("dialog", lambda dialog: dialog.accept())
    editor_page.reload()
    expect(editor_page.get_by_role("button", name="Restore them")).to_be_visible()

    assert_accessible(editor_page)


def test_the_image_description_dialog_has_no_violations(editor_page, assert_accessible, media_root):
    editor_page.goto("/admin/practice/page/add/")
    drop(editor_page, "#id_body", photo((800, 600)), "room.jpg")
    expect(editor_page.get_by_role("dialog", name="Describe this image")).to_be_visible()

    assert_accessible(editor_page)
