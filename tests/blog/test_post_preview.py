"""Staff preview drafts and scheduled posts as readers will see them; nobody else sees them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Post
from tests.parsing import find_all


@pytest.fixture
def draft(make_post):
    return make_post(
        "Notes on rest", slug="notes-on-rest", status=Post.Status.DRAFT, body="## Why rest"
    )


def preview_url(post):
    return f"/blog/{post.slug}/preview/"


def banner(html):
    return " ".join(div.text for div in find_all(html, "div", class_="preview-banner"))


def test_an_editor_sees_a_draft_in_the_post_template_with_a_banner(client, log_in, draft):
    log_in("Editors")

    response = client.get(preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "blog/post_detail.html"
    assert find_all(html, "h1")[0].text == "Notes on rest"
    assert find_all(html, "h2", id="section-why-rest")
    assert banner(html).startswith("Preview: not published.")
    assert "draft" in banner(html)


def test_a_scheduled_post_says_when_it_will_appear(client, log_in, make_post):
    log_in("Editors")
    publish_at = timezone.now() + timedelta(days=2)
    post = make_post(publish_at=publish_at)

    html = client.get(preview_url(post)).content.decode()

    local = timezone.localtime(publish_at)
    assert f"Scheduled for {local:%B} {local.day}, {local.year}" in banner(html)


def test_a_preview_is_never_cached_nor_indexed(client, log_in, draft):
    log_in("Editors")

    response = client.get(preview_url(draft))

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "private"} <= cache_control
    assert "public" not in cache_control
    assert "ETag" not in response
    assert find_all(response.content.decode(), "meta", name="robots", content="noindex")


def test_a_draft_without_a_publish_time_can_be_previewed(client, log_in, make_post):
    log_in("Editors")
    post = make_post(status=Post.Status.DRAFT, publish_at=None)

    assert client.get(preview_url(post)).status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "non-staff", "Intake"])
def test_anyone_else_gets_not_found(client, log_in, draft, role):
    log_in(role)

    assert client.get(preview_url(draft)).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "Editors"])
def test_the_public_address_of_a_draft_is_not_found_even_for_staff(client, log_in, draft, role):
    log_in(role)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_previewing_a_published_post_leads_to_its_page(client, log_in, make_post):
    log_in("Editors")
    post = make_post()

    response = client.get(preview_url(post))

    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
