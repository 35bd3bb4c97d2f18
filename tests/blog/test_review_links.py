"""A review link lets one person without an account read one unpublished post, until it
expires or is revoked; any other link gets a page that says nothing of the post."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from blog.models import Post, ReviewLink
from tests.parsing import find_all


@pytest.fixture
def draft(make_post):
    return make_post("Grief in the first year", status=Post.Status.DRAFT, publish_at=None)


@pytest.fixture
def make_link(draft):
    def make(post=draft, **fields):
        fields.setdefault("reviewer", "Dr. Lee, clinical review")
        return ReviewLink.objects.create(post=post, **fields)

    return make


def headings(response):
    return [h1.text for h1 in find_all(response.content.decode(), "h1")]


def test_a_link_shows_its_draft_to_someone_signed_out(client, make_link):
    link = make_link()

    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    assert headings(response) == ["Grief in the first year"]
    [banner] = find_all(response.content.decode(), "div", class_="preview-banner")
    assert "Review copy: not published. Shared with Dr. Lee, clinical review until" in banner.text


def test_the_review_copy_is_never_cached_indexed_or_sent_on_as_a_referrer(client, make_link):
    response = client.get(make_link().get_absolute_url())

    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    [robots] = find_all(response.content.decode(), "meta", name="robots")
    assert "noindex" in robots.attrs["content"]
    assert not find_all(response.content.decode(), "script", type="application/ld+json")


def test_a_link_works_for_a_week_by_default(client, make_link):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        link = make_link()
        assert link.expires_at == timezone.now() + timedelta(days=7)

        traveller.shift(timedelta(days=7) - timedelta(seconds=1))
        assert client.get(link.get_absolute_url()).status_code == 200

        traveller.shift(timedelta(seconds=1))
        assert client.get(link.get_absolute_url()).status_code == 404


def invalid_link_page(response):
    assert response.status_code == 404
    assert headings(response) == ["This review link does not work"]
    assert "Grief" not in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    return True


def test_an_expired_link_shows_nothing_of_the_post(client, make_link):
    link = make_link(expires_at=timezone.now() - timedelta(minutes=1))

    assert invalid_link_page(client.get(link.get_absolute_url()))


def test_a_revoked_link_stops_working_at_once(client, make_link):
    link = make_link()
    link.revoked = True
    link.save()

    assert invalid_link_page(client.get(link.get_absolute_url()))


@pytest.mark.parametrize(
    "forge",
    [
        lambda token, other: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token, other: f"{other.pk}:{token.split(':', 1)[1]}",
        lambda token, other: str(other.pk),
        lambda token, other: "not-a-token",
    ],
    ids=["altered signature", "another link's id", "no signature", "garbage"],
)
def test_a_forged_link_shows_nothing(client, make_link, make_post, forge):
    link = make_link()
    other_draft = make_post("Another draft", status=Post.Status.DRAFT, publish_at=None)
    other = make_link(post=other_draft)
    token = link.get_absolute_url().rstrip("/").rsplit("/", 1)[1]

    response = client.get(reverse("blog:review", kwargs={"token": forge(token, other)}))

    assert invalid_link_page(response)
    assert "Another draft" not in response.content.decode()


def test_a_link_shows_only_its_own_draft(client, make_link, make_post):
    other_draft = make_post("Another draft", status=Post.Status.DRAFT, publish_at=None)
    first, second = make_link(), make_link(post=other_draft)

    assert headings(client.get(first.get_absolute_url())) == ["Grief in the first year"]
    assert headings(client.get(second.get_absolute_url())) == ["Another draft"]


def test_once_the_post_is_published_the_link_leads_to_its_public_page(client, make_link, draft):
    link = make_link()
    draft.status = Post.Status.PUBLISHED
    draft.publish_at = timezone.now()
    draft.save()

    response = client.get(link.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


def test_an_editor_makes_a_link_on_the_post_form(client, log_in, draft, post_form):
    editor = log_in("Editors")
    data = post_form(
        title=draft.title,
        slug=draft.slug,
        status=Post.Status.DRAFT,
        publish_at_0="",
        publish_at_1="",
        **{
            "review_links-TOTAL_FORMS": "1",
            "review_links-0-reviewer": "Dr. Lee",
            "review_links-0-expires_at_0": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "review_links-0-expires_at_1": "12:00:00",
        },
    )

    response = client.post(reverse("admin:blog_post_change", args=[draft.pk]), data)

    assert response.status_code == 302
    link = draft.review_links.get()
    assert (link.reviewer, link.created_by) == ("Dr. Lee", editor)
    change_page = client.get(reverse("admin:blog_post_change", args=[draft.pk])).content.decode()
    assert find_all(change_page, "a", href=link.get_absolute_url())


def test_the_form_offers_a_week_long_link(client, log_in, draft):
    log_in("Editors")

    response = client.get(reverse("admin:blog_post_change", args=[draft.pk]))

    empty_form = response.context["inline_admin_formsets"][0].formset.empty_form
    expires_at = empty_form.fields["expires_at"].initial()
    assert abs(expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)


def test_intake_cannot_make_review_links(make_user):
    intake = make_user("Intake")

    assert not intake.has_perm("blog.add_reviewlink")
    assert not intake.has_perm("blog.view_reviewlink")


@pytest.mark.parametrize("works", [True, False])
def test_a_review_page_repeats_its_secret_address_nowhere(client, make_link, works):
    link = make_link()
    path = link.get_absolute_url() if works else link.get_absolute_url()[:-3] + "x/"

    html = client.get(path).content.decode()

    assert "canonical" not in html
    assert "og:url" not in html
