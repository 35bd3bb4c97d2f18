"""Admin's "view on site" shortcut takes staff to an object's page only if they may see that
kind of object: Intake, who may not see the blog, cannot learn a draft's address from it."""

import pytest
from django.contrib.contenttypes.models import ContentType

from blog.models import Post
from practice.models import Therapist


def shortcut(model, pk):
    return f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{pk}/"


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.PUBLISHED])
def test_intake_cannot_follow_the_shortcut_to_a_post(client, log_in, make_post, status):
    post = make_post(slug="a-secret-draft", status=status)
    log_in("Intake")

    response = client.get(shortcut(Post, post.pk))

    assert response.status_code == 404
    assert "a-secret-draft" not in response.text
    assert "a-secret-draft" not in response.headers.get("Location", "")


def test_editors_follow_the_shortcut_to_a_post(client, log_in, make_post):
    post = make_post(slug="a-published-post")
    log_in("Editors")

    response = client.get(shortcut(Post, post.pk))

    assert response.status_code == 302
    assert response.url.endswith("/blog/a-published-post/")


def test_staff_with_no_permissions_cannot_probe_any_model(client, log_in, make_post, therapist):
    post = make_post()
    log_in("staff")

    assert client.get(shortcut(Post, post.pk)).status_code == 404
    assert client.get(shortcut(Therapist, therapist.pk)).status_code == 404
    assert client.get("/admin/r/999999/1/").status_code == 404


def test_the_shortcut_still_asks_anonymous_visitors_to_sign_in(client, make_post):
    post = make_post()

    response = client.get(shortcut(Post, post.pk))

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
