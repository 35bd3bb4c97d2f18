"""The Markdown editor on admin forms: the text beside a preview framed in the site's own
page, a word count from the start, and the editor's own script instead of the package's."""

import pytest
from django.urls import reverse

from practice.models import Question
from tests.image_files import photo, upload
from tests.parsing import find_all

FRAME_URL = reverse("admin:markdown_preview_frame")


def test_the_body_is_written_beside_a_framed_preview_of_the_page(client, log_in, make_post):
    log_in("Editors")
    post = make_post(body="Trust grows slowly, one kept promise at a time.")

    html = client.get(reverse("admin:blog_post_change", args=[post.pk])).text

    [textarea] = find_all(html, "textarea", name="body")
    [frame] = find_all(html, "iframe", class_="markdown-editor__preview")
    assert textarea.is_inside("div", class_="markdown-editor")
    assert frame.is_inside("div", class_="markdown-editor")
    assert frame.attrs["src"] == FRAME_URL
    assert frame.attrs["title"] == "Preview of the body, as readers will see it"
    assert textarea.text.strip() == post.body
    [count] = find_all(html, "p", class_="markdown-editor__count")
    assert " ".join(count.text.split()) == "9 words · 1 min read"


def test_the_editors_own_script_replaces_the_packages(client, log_in):
    log_in("Editors")

    html = client.get(reverse("admin:blog_post_add")).text

    scripts = [script.attrs["src"] for script in find_all(html, "script") if "src" in script.attrs]
    assert any(src.endswith("admin/markdown-editor.js") for src in scripts)
    assert any(src.endswith("admin/unsaved-edits.js") for src in scripts)
    assert not any("markdownx/js" in src for src in scripts)


def test_each_answer_of_a_page_has_a_preview_frame_of_its_own(client, log_in, make_page):
    log_in("Editors")
    page = make_page()
    for number in range(2):
        Question.objects.create(page=page, question=f"Question {number}?", answer="Yes.")

    html = client.get(reverse("admin:practice_page_change", args=[page.pk])).text

    titles = [frame.attrs["title"] for frame in find_all(html, "iframe")]
    assert titles == [
        "Preview of the body, as readers will see it",
        "Preview of the answer 1, as readers will see it",
        "Preview of the answer 2, as readers will see it",
        "Preview of the answer, as readers will see it",  # the template "Add another" copies
    ]


def test_the_preview_frame_is_the_sites_article_framed_only_by_the_admin(client, log_in):
    log_in("Editors")

    response = client.get(FRAME_URL)

    assert response.status_code == 200
    [stylesheet] = find_all(response.text, "link", rel="stylesheet")
    assert "/static/css/site" in stylesheet.attrs["href"]
    assert find_all(response.text, "div", class_="prose")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in client.get(reverse("admin:index"))["Content-Security-Policy"]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("Intake", 403)])
def test_the_preview_frame_is_for_writers_only(client, log_in, role, status):
    log_in(role)

    assert client.get(FRAME_URL).status_code == status


def test_the_preview_shows_an_uploaded_image_as_readers_get_it(client, log_in, media_root):
    log_in("Editors")
    url = client.post(reverse("admin:markdown_upload"), {"image": upload(photo())}).json()["url"]

    html = client.post(reverse("admin:markdown_preview"), {"content": f"![A lake]({url})"}).text

    [image] = find_all(html, "img", alt="A lake")
    assert image.is_inside("picture")
    assert find_all(html, "source", type="image/webp")
