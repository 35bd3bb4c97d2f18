"""Restoring a revision fills the form with it; saving that makes a new revision. Readers
get the restored text, publishing rules still apply, and only those who may change the
post or page may restore it."""

import pytest
import reversion
from django.contrib.auth.models import Permission
from reversion.models import Version

from blog.models import ReviewLink
from practice.models import Question
from practice.revisions import saved_on
from tests.parsing import card_titles, find_all, form_data

from .conftest import admin_url


def versions_of(obj):
    """The object's versions, oldest first."""
    return list(Version.objects.get_for_object(obj).select_related("revision").order_by("pk"))


def restore(save_in_admin, obj, version):
    """Open the restore form of a version and save it as it is."""
    return save_in_admin(obj, url=admin_url(obj, "revision", version.pk))


def article_text(client, obj):
    html = client.get(obj.get_absolute_url()).content.decode()
    return " ".join(element.text for element in find_all(html, "p") if element.is_inside("main"))


@pytest.fixture
def rewritten_post(make_post, log_in, save_in_admin):
    """A published post made outside the admin, then rewritten by an editor."""
    post = make_post("Trust", body="Trust grows *slowly*.")
    log_in("Editors")
    save_in_admin(post, body="Trust grows when promises are kept.")
    return post


def test_restoring_the_original_makes_a_new_revision_readers_see(
    client, rewritten_post, save_in_admin
):
    original, _ = versions_of(rewritten_post)
    assert "promises are kept" in article_text(client, rewritten_post)

    response = restore(save_in_admin, rewritten_post, original)

    assert response.status_code == 302
    *_, restored = versions_of(rewritten_post)
    assert restored.revision.get_comment() == f"Reverted to the version of {saved_on(original)}"
    assert restored.field_dict["body"] == "Trust grows *slowly*."
    assert len(versions_of(rewritten_post)) == 3
    rewritten_post.refresh_from_db()
    assert rewritten_post.body_html == "<p>Trust grows <em>slowly</em>.</p>"
    assert "Trust grows slowly." in article_text(client, rewritten_post)


def test_the_restore_form_shows_the_version_and_changes_nothing_until_saved(client, rewritten_post):
    original, rewritten = versions_of(rewritten_post)

    html = client.get(admin_url(rewritten_post, "revision", original.pk)).content.decode()

    [body] = find_all(html, "textarea", name="body")
    assert body.text == "Trust grows *slowly*."
    [what_it_changes] = [a for a in find_all(html, "a") if a.is_inside(class_="restore-note")]
    assert what_it_changes.attrs["href"] == (
        f"{admin_url(rewritten_post, 'compare')}?from={rewritten.pk}&to={original.pk}"
    )
    rewritten_post.refresh_from_db()
    assert rewritten_post.body == "Trust grows when promises are kept."
    assert len(versions_of(rewritten_post)) == 2


def test_a_revision_restored_outside_the_admin_leaves_nothing_stale(client, rewritten_post):
    original, _ = versions_of(rewritten_post)

    original.revision.revert()  # as django-reversion does it: the stored fields, written raw

    rewritten_post.refresh_from_db()
    assert rewritten_post.body_html == "<p>Trust grows <em>slowly</em>.</p>"
    assert "Trust grows slowly." in article_text(client, rewritten_post)
    # On PostgreSQL, through the search document made again from the restored words.
    found = client.get("/blog/search/", {"q": "slowly"}).content.decode()
    assert card_titles(found) == ["Trust"]


def test_restoring_a_page_brings_back_its_questions_as_readers_see_them(
    client, log_in, save_in_admin, make_page
):
    page = make_page("FAQ", slug="faq")
    Question.objects.create(page=page, question="How long?", answer="*Fifty* minutes.")
    log_in("Editors")
    save_in_admin(page, **{"questions-0-DELETE": "on"})
    assert not page.questions.exists()
    original, _ = versions_of(page)

    assert restore(save_in_admin, page, original).status_code == 302

    html = client.get(page.get_absolute_url()).content.decode()
    [question] = find_all(html, "h3", class_="questions__question")
    [answer] = [e for e in find_all(html, "em") if e.is_inside("li", class_="questions__item")]
    assert (question.text, answer.text) == ("How long?", "Fifty")


def test_restoring_refuses_what_publishing_refuses(client, make_post, log_in, save_in_admin):
    # Stored by an import, which the admin's rules never saw: an image nobody described.
    post = make_post(body="Before.\n\n![](/media/posts/a.jpg)")
    log_in("Editors")
    save_in_admin(post, body="Before.")
    original, _ = versions_of(post)

    response = restore(save_in_admin, post, original)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert errors[0].startswith("Describe each image for readers who cannot see it")
    post.refresh_from_db()
    assert post.body == "Before."
    assert len(versions_of(post)) == 2


def test_restoring_an_earlier_slug_keeps_the_current_address_working(
    client, make_post, log_in, save_in_admin
):
    post = make_post(slug="trust-after-betrayal")
    log_in("Editors")
    save_in_admin(post, slug="rebuilding-trust")
    original, _ = versions_of(post)

    restore(save_in_admin, post, original)

    assert client.get("/blog/trust-after-betrayal/").status_code == 200
    response = client.get("/blog/rebuilding-trust/")
    assert (response.status_code, response["Location"]) == (301, "/blog/trust-after-betrayal/")


@pytest.mark.parametrize("role", ["view only", "Intake"])
def test_only_those_who_may_change_posts_may_restore(
    client, rewritten_post, make_user, give_second_factor, role
):
    original, _ = versions_of(rewritten_post)
    user = make_user("staff" if role == "view only" else role)
    if role == "view only":
        user.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(user)
    give_second_factor(user)
    url = admin_url(rewritten_post, "revision", original.pk)

    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Taken over"}).status_code == 403
    rewritten_post.refresh_from_db()
    assert rewritten_post.body == "Trust grows when promises are kept."
    assert len(versions_of(rewritten_post)) == 2


def test_another_objects_version_cannot_be_restored_in_its_place(
    client, make_post, make_page, log_in, save_in_admin
):
    post, page = make_post(pk=4242), make_page(pk=4242, body="The page's first words.")
    log_in("Editors")
    save_in_admin(page, body="The page's new words.")
    pages_original, _ = versions_of(page)
    url = admin_url(post, "revision", pages_original.pk)
    post_form = form_data(client.get(admin_url(post, "change")).content.decode(), "post_form")

    assert client.get(url).status_code == 404
    assert client.post(url, post_form).status_code == 404
    page.refresh_from_db()
    assert page.body == "The page's new words."


def test_restoring_a_post_leaves_its_review_links_as_they_are(rewritten_post, save_in_admin):
    """A review link grants access: no restore may bring back one revoked since, or take
    away one made since."""
    original, _ = versions_of(rewritten_post)
    revoked = ReviewLink.objects.create(post=rewritten_post, reviewer="Dr. Lee", revoked=True)
    made_since = ReviewLink.objects.create(post=rewritten_post, reviewer="Sam")

    restore(save_in_admin, rewritten_post, original)

    revoked.refresh_from_db()
    assert revoked.revoked
    assert ReviewLink.objects.filter(pk=made_since.pk).exists()
    assert not reversion.is_registered(ReviewLink)
