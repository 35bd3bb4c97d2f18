"""Editors write, illustrate, schedule and publish posts in the admin; Intake staff cannot."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from practice.models import Therapist
from tests.image_files import photo, upload
from tests.parsing import find_all

CHANGELIST = reverse("admin:blog_post_changelist")
ADD = reverse("admin:blog_post_add")


def change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


def field_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("Editors", 200),
        ("superuser", 200),
        ("Intake", 403),
        ("non-staff", 302),
        ("anonymous", 302),
    ],
)
def test_list_and_forms_open_only_for_editors_and_superusers(
    client, log_in, make_post, role, status
):
    post = make_post()
    log_in(role)

    for url in [CHANGELIST, ADD, change_url(post)]:
        assert client.get(url).status_code == status, url


def test_editors_see_the_blog_and_the_practices_website_and_nothing_of_booking(client, log_in):
    log_in("Editors")

    apps = {app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]}

    assert apps == {"blog", "practice"}


def test_intake_staff_see_nothing_of_the_blog(client, log_in):
    log_in("Intake")

    apps = {app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]}

    assert "blog" not in apps


def test_an_editor_publishes_a_post_with_a_featured_image(client, log_in, post_form, media_root):
    log_in("Editors")

    response = client.post(
        ADD,
        post_form(featured_image=upload(photo((1200, 800))), featured_image_alt="A calm room."),
    )

    assert response.status_code == 302
    post = Post.objects.get(slug="listening-to-understand")
    assert post.is_published
    assert (post.featured_image_width, post.featured_image_height) == (1200, 800)
    assert client.get(post.get_absolute_url()).status_code == 200


def test_a_featured_image_that_is_not_an_image_is_refused_in_the_form(
    client, log_in, post_form, media_root
):
    log_in("Editors")
    svg = upload(b"<svg><script>alert(1)</script></svg>", name="a.svg", content_type="image/svg")

    response = client.post(ADD, post_form(featured_image=svg, featured_image_alt="A drawing"))

    assert response.status_code == 200
    assert "not a JPEG, PNG, WebP or GIF image" in " ".join(
        field_errors(response, "featured_image")
    )
    assert not Post.objects.exists()


def test_a_slug_already_taken_is_refused_with_a_clear_message(client, log_in, post_form, make_post):
    make_post(slug="listening-to-understand")
    log_in("Editors")

    response = client.post(ADD, post_form())

    assert field_errors(response, "slug") == [
        "Another post already has this slug: choose a different one."
    ]


@pytest.mark.parametrize("slug", ["search", "feed", "category", "tag"])
def test_a_slug_cannot_take_the_address_of_a_blog_page(client, log_in, post_form, slug):
    log_in("Editors")

    response = client.post(ADD, post_form(slug=slug))

    assert field_errors(response, "slug") == [
        f"“{slug}” is already the address of one of the site’s own pages: choose another slug."
    ]


def test_a_featured_image_needs_alt_text(client, log_in, post_form, media_root):
    log_in("Editors")

    response = client.post(ADD, post_form(featured_image=upload(photo())))

    assert field_errors(response, "featured_image_alt") == [
        "Describe the featured image for readers who cannot see it."
    ]


def test_publishing_needs_every_image_in_the_body_described(client, log_in, post_form):
    log_in("Editors")

    response = client.post(ADD, post_form(body="Before.\n\n![](/media/posts/a.jpg)\n"))

    assert field_errors(response, "body") == [
        "Describe each image for readers who cannot see it, between the square brackets: "
        "![A quiet path through the park](/media/…)."
    ]


@pytest.mark.parametrize(
    "address", ["https://example.com/lake.jpg", "//example.com/lake.jpg", "<http://x.test/a.png>"]
)
def test_publishing_refuses_images_from_other_sites(client, log_in, post_form, address):
    log_in("Editors")

    response = client.post(ADD, post_form(body=f"![A calm lake]({address})\n"))

    assert field_errors(response, "body") == [
        "Drag images into the editor rather than linking them from another site: the site "
        "shows only its own images, so that no other site learns who reads."
    ]


def test_a_draft_may_hold_an_image_not_yet_described(client, log_in, post_form):
    log_in("Editors")

    response = client.post(
        ADD, post_form(status=Post.Status.DRAFT, body="![ ](/media/posts/a.jpg)\n")
    )

    assert response.status_code == 302


def test_publishing_with_no_time_publishes_now(client, log_in, post_form):
    log_in("Editors")
    moment = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

    with time_machine.travel(moment, tick=False):
        response = client.post(ADD, post_form(publish_at_0="", publish_at_1=""))

    assert response.status_code == 302
    post = Post.objects.get()
    assert post.publish_at == moment
    assert post.is_published


def test_a_draft_may_wait_for_its_publish_time(client, log_in, post_form):
    log_in("Editors")

    response = client.post(
        ADD, post_form(status=Post.Status.DRAFT, publish_at_0="", publish_at_1="")
    )

    assert response.status_code == 302
    assert Post.objects.get().publish_at is None


@pytest.fixture
def three_states(make_post):
    return {
        "Draft": make_post("A draft", status=Post.Status.DRAFT, body="Honest words."),
        "Scheduled": make_post("Coming soon", publish_at=timezone.now() + timedelta(days=1)),
        "Published": make_post("Out now"),
    }


def test_the_list_says_which_posts_are_drafts_scheduled_or_published(client, log_in, three_states):
    log_in("Editors")

    html = client.get(CHANGELIST).content.decode()

    titles = [cell.text for cell in find_all(html, "th", class_="field-title")]
    statuses = [cell.text for cell in find_all(html, "td", class_="field-status_label")]
    assert dict(zip(titles, statuses, strict=True)) == {
        "A draft": "Draft",
        "Coming soon": "Scheduled",
        "Out now": "Published",
    }


@pytest.mark.parametrize("state", ["Draft", "Scheduled", "Published"])
def test_the_status_filter_tells_scheduled_posts_from_published_ones(
    client, log_in, three_states, state
):
    log_in("Editors")

    response = client.get(CHANGELIST, {"publication": state.lower()})

    assert list(response.context["cl"].result_list) == [three_states[state]]


def test_search_looks_in_titles_and_bodies(client, log_in, three_states):
    log_in("Editors")

    response = client.get(CHANGELIST, {"q": "honest"})

    assert list(response.context["cl"].result_list) == [three_states["Draft"]]


@pytest.mark.parametrize(
    ("state", "link"),
    [("Draft", "Preview"), ("Scheduled", "Preview"), ("Published", "View on site")],
)
def test_unpublished_posts_offer_a_preview_and_published_ones_their_page(
    client, log_in, three_states, state, link
):
    log_in("Editors")
    post = three_states[state]

    html = client.get(change_url(post)).content.decode()

    [tool] = find_all(html, "a", class_="viewsitelink")
    assert tool.text == link
    assert tool.attrs["href"] in {f"/blog/{post.slug}/preview/", post.get_absolute_url()}
    assert client.get(tool.attrs["href"]).status_code == 200


def test_the_form_puts_content_first_then_publishing_image_review_and_seo(client, log_in):
    log_in("Editors")

    form = client.get(ADD).context["adminform"]

    assert [(name, options["fields"]) for name, options in form.fieldsets] == [
        (None, ["title", "slug", "summary", "content_note", "body"]),
        ("Publishing", ["status", "publish_at", "author", "category", "tags", "new_tags"]),
        ("Featured image", ["featured_image", "featured_image_alt"]),
        ("Clinical review", ["reviewed_by", "reviewed_on", "next_review_due"]),
        ("Search engines", ["seo_title", "seo_description"]),
    ]
    assert [options.get("classes", []) for _, options in form.fieldsets] == [
        [],
        [],
        [],
        [],
        ["collapse"],
    ]


def new_post_author(client):
    return client.get(ADD).context["adminform"].form.initial.get("author")


def test_a_new_post_names_the_editor_s_own_therapist_profile(client, log_in, therapist):
    editor = log_in("Editors")
    own = Therapist.objects.create(
        name="Avery", slug="avery", notification_email="a@example.com", user=editor
    )

    assert new_post_author(client) == own.pk


def test_a_new_post_names_the_practice_s_only_therapist(client, log_in, therapist):
    log_in("Editors")

    assert new_post_author(client) == therapist.pk


def test_with_several_therapists_and_none_of_them_the_editor_the_author_is_chosen(
    client, log_in, therapist
):
    log_in("Editors")
    Therapist.objects.create(name="Avery", slug="avery", notification_email="a@example.com")

    assert new_post_author(client) is None


def test_only_those_who_manage_accounts_tie_an_account_to_a_therapist(client, log_in, therapist):
    log_in("Editors")

    form = client.get(reverse("admin:practice_therapist_change", args=[therapist.pk]))

    assert "user" not in form.context["adminform"].form.fields
    assert "user" in form.context["adminform"].readonly_fields


def test_the_post_list_shows_title_status_publish_time_category_and_updated(client, log_in):
    log_in("Editors")

    response = client.get(CHANGELIST)

    assert response.context["cl"].list_display == [
        "action_checkbox",
        "title",
        "status_label",
        "publish_time",
        "category",
        "updated",
    ]


def thumbnails(html):
    return find_all(html, "img", class_="image-thumbnail")


@pytest.mark.parametrize(("size", "width"), [((1200, 800), 480), ((300, 200), 300)])
def test_the_form_shows_the_featured_image_small_from_its_smallest_rendition(
    client, log_in, make_post, media_root, size, width
):
    post = make_post(featured_image=upload(photo(size)), featured_image_alt="A calm room.")
    log_in("Editors")

    html = client.get(change_url(post)).content.decode()

    [thumbnail] = thumbnails(html)
    rendition = post.featured_image.name.replace(".jpg", f"-{width}w.jpg")
    assert thumbnail.attrs["src"] == f"/media/{rendition}"
    assert (media_root / rendition).is_file()
    assert thumbnail.attrs["alt"] == "Current image"
    assert thumbnail.is_inside("div", class_="form-row field-featured_image")
    assert find_all(html, "link", href="/static/admin/image-thumbnail.css")


def test_an_image_not_uploaded_through_the_site_is_shown_as_it_is(
    client, log_in, make_post, media_root
):
    post = make_post(
        featured_image="legacy/lake.jpg",
        featured_image_width=1200,
        featured_image_height=800,
        featured_image_alt="A calm lake.",
    )
    log_in("Editors")

    [thumbnail] = thumbnails(client.get(change_url(post)).content.decode())

    assert thumbnail.attrs["src"] == "/media/legacy/lake.jpg"


def test_a_post_without_a_featured_image_shows_no_thumbnail(client, log_in, make_post):
    post = make_post()
    log_in("Editors")

    for url in [change_url(post), ADD]:
        assert thumbnails(client.get(url).content.decode()) == []
