"""Every save of a post or page in admin keeps a revision, with who saved it and what
changed; one made elsewhere keeps its original before its first change in admin."""

import json

from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from blog.models import Post
from practice.models import Question
from practice.revisions import ORIGINAL_STATE_COMMENT

from .conftest import admin_url


def revisions_of(obj):
    """(user, comment, stored fields) of each revision of the object, oldest first."""
    versions = Version.objects.get_for_object(obj).select_related("revision__user")
    return [
        (version.revision.user, version.revision.get_comment(), version.field_dict)
        for version in versions.order_by("pk")
    ]


def test_adding_a_post_keeps_a_revision_with_who_added_it(
    log_in, save_in_admin, therapist, category
):
    editor = log_in("Editors")
    now = timezone.localtime()

    response = save_in_admin(
        Post(),
        url=reverse("admin:blog_post_add"),
        title="Listening to understand",
        slug="listening-to-understand",
        summary="How to listen.",
        body="Slow down.",
        author=therapist.pk,
        category=category.pk,
        status=Post.Status.PUBLISHED,
        publish_at_0=now.strftime("%Y-%m-%d"),
        publish_at_1=now.strftime("%H:%M:%S"),
    )

    assert response.status_code == 302
    [(user, comment, fields)] = revisions_of(Post.objects.get())
    assert (user, comment, fields["body"]) == (editor, "Added.", "Slow down.")


def test_each_change_keeps_a_revision_with_who_changed_what(log_in, save_in_admin, make_post):
    post = make_post("Trust", body="Trust takes time.")
    editor = log_in("Editors")

    save_in_admin(post, title="Rebuilding trust")
    save_in_admin(post, body="Trust takes time and care.")

    revisions = revisions_of(post)
    assert [(user, comment) for user, comment, _ in revisions] == [
        (None, ORIGINAL_STATE_COMMENT),
        (editor, "Changed Title."),
        (editor, "Changed Body."),
    ]
    assert [(fields["title"], fields["body"]) for _, _, fields in revisions] == [
        ("Trust", "Trust takes time."),
        ("Rebuilding trust", "Trust takes time."),
        ("Rebuilding trust", "Trust takes time and care."),
    ]


def test_a_post_made_outside_the_admin_keeps_its_original_before_its_first_change(
    log_in, save_in_admin, make_post
):
    post = make_post("As the importer wrote it", body="The first words.")
    log_in("Editors")
    assert revisions_of(post) == []

    save_in_admin(post, body="Words an editor wrote.")

    [(user, comment, original), (_, _, changed)] = revisions_of(post)
    assert (user, comment) == (None, ORIGINAL_STATE_COMMENT)
    assert (original["title"], original["body"]) == ("As the importer wrote it", "The first words.")
    assert changed["body"] == "Words an editor wrote."


def test_looking_at_a_form_records_nothing(client, log_in, make_post):
    post = make_post()
    log_in("Editors")

    client.get(admin_url(post, "change"))

    assert revisions_of(post) == []


def test_a_pages_revisions_keep_its_questions(log_in, save_in_admin, make_page):
    page = make_page("FAQ", slug="faq")
    question = Question.objects.create(page=page, question="How long?", answer="50 minutes.")
    log_in("Editors")

    save_in_admin(page, **{"questions-0-answer": "Fifty minutes."})

    [original, changed] = Version.objects.get_for_object(page).order_by("pk")
    answers = [
        Version.objects.get_for_object(question).get(revision=page_version.revision)
        for page_version in [original, changed]
    ]
    assert [kept.field_dict["answer"] for kept in answers] == ["50 minutes.", "Fifty minutes."]
    assert changed.revision.get_comment() == "Changed Answer for question “How long?”."


def test_pages_changed_from_the_list_each_get_a_revision_of_their_own(client, log_in, make_page):
    pages = [make_page("About", slug="about"), make_page("Fees", slug="fees")]
    editor = log_in("Editors")
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "_save": "Save",
    }
    for number, (page, position) in enumerate(zip(pages, ["2", "1"], strict=True)):
        data |= {f"form-{number}-id": str(page.pk), f"form-{number}-navigation_position": position}

    response = client.post(reverse("admin:practice_page_changelist"), data)

    assert response.status_code == 302
    for page, position in zip(pages, [2, 1], strict=True):
        [(_, original_comment, _), (user, comment, fields)] = revisions_of(page)
        assert (user, comment, fields["navigation_position"]) == (
            editor,
            "Changed Place in the main navigation.",
            position,
        )
        assert original_comment == ORIGINAL_STATE_COMMENT
    # Restoring one page must not restore the other with it.
    changes = [Version.objects.get_for_object(page).first().revision for page in pages]
    assert all(revision.version_set.count() == 1 for revision in changes)


def test_revisions_leave_out_what_the_model_derives(log_in, save_in_admin, make_post):
    post = make_post(body="## A heading")
    log_in("Editors")

    save_in_admin(post, body="## Another heading")

    stored = json.loads(Version.objects.get_for_object(post).first().serialized_data)
    assert stored[0]["fields"]["body"] == "## Another heading"
    assert not {"body_html", "search_document"} & stored[0]["fields"].keys()
