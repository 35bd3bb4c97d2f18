"""A published post keeps its old addresses: they redirect for good to where it is now."""

import pytest

from blog.models import Post


def rename(post, slug):
    post.slug = slug
    post.save()


@pytest.fixture
def post(make_post):
    return make_post(slug="trust-after-betrayal")


def test_the_old_address_of_a_published_post_redirects_permanently(client, post):
    rename(post, "rebuilding-trust")

    response = client.get("/blog/trust-after-betrayal/")

    assert response.status_code == 301
    assert response["Location"] == "/blog/rebuilding-trust/"
    assert client.get("/blog/rebuilding-trust/").status_code == 200


def test_every_earlier_address_leads_straight_to_the_current_one(client, post):
    rename(post, "rebuilding-trust")
    rename(post, "how-to-rebuild-trust")

    for old in ["/blog/trust-after-betrayal/", "/blog/rebuilding-trust/"]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/blog/how-to-rebuild-trust/")


def test_a_redirect_may_be_revalidated_so_a_reused_slug_can_take_over(client, post):
    rename(post, "rebuilding-trust")

    response = client.get("/blog/trust-after-betrayal/")

    assert "no-cache" in response["Cache-Control"]


def test_a_draft_leaves_no_redirect_behind(client, make_post):
    draft = make_post(slug="first-thoughts", status=Post.Status.DRAFT)
    rename(draft, "second-thoughts")

    assert client.get("/blog/first-thoughts/").status_code == 404


def test_an_old_slug_taken_by_another_post_belongs_to_that_post(client, post, make_post):
    rename(post, "rebuilding-trust")
    newcomer = make_post("A new post on betrayal", slug="trust-after-betrayal")

    response = client.get("/blog/trust-after-betrayal/")
    assert response.status_code == 200
    assert response.context["post"] == newcomer

    rename(newcomer, "betrayal")
    response = client.get("/blog/trust-after-betrayal/")
    assert response["Location"] == "/blog/betrayal/"


def test_an_unpublished_posts_old_address_does_not_reveal_it(client, post):
    rename(post, "rebuilding-trust")
    post.status = Post.Status.DRAFT
    post.save()

    assert client.get("/blog/trust-after-betrayal/").status_code == 404


def test_an_unknown_address_is_still_not_found(client, post):
    assert client.get("/blog/never-was/").status_code == 404
