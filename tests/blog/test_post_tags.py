"""Tagging a post in its form: existing tags are ticked, new ones typed in by name."""

import pytest
from django.urls import reverse

from blog.models import Post, Tag
from tests.parsing import find_all

ADD = reverse("admin:blog_post_add")


@pytest.fixture
def editor(client, log_in):
    log_in("Editors")
    return client


def test_existing_tags_are_checkboxes(editor):
    Tag.objects.create(name="Anxiety", slug="anxiety")

    html = editor.get(ADD).text

    [checkbox] = find_all(html, "input", type="checkbox", name="tags")
    assert checkbox.is_inside("div", id="id_tags")
    # No pop-up to add a tag, which could not tick it: new ones are typed in.
    assert not find_all(html, "a", id="add_id_tags")


def test_typed_tags_are_created_and_added_and_known_ones_reused(editor, post_form):
    sleep = Tag.objects.create(name="Sleep", slug="sleep")
    anxiety = Tag.objects.create(name="Anxiety", slug="anxiety")

    response = editor.post(
        ADD, post_form(tags=[anxiety.pk], new_tags=" grief,  sleep ,Rest and recovery, ,")
    )

    assert response.status_code == 302
    post = Post.objects.get()
    assert sorted(post.tags.values_list("name", flat=True)) == [
        "Anxiety",
        "Rest and recovery",
        "Sleep",
        "grief",
    ]
    assert Tag.objects.get(name="grief").slug == "grief"
    assert Tag.objects.get(name="Rest and recovery").slug == "rest-and-recovery"
    assert Tag.objects.filter(name__iexact="sleep").get() == sleep


@pytest.mark.parametrize(
    ("typed", "message"),
    [("!!!", "“!!!” cannot be a tag"), ("x" * 61, "at most 60 characters")],
    ids=["no letters", "too long"],
)
def test_a_typed_tag_that_cannot_be_one_is_refused_and_nothing_is_lost(
    editor, post_form, typed, message
):
    response = editor.post(ADD, post_form(new_tags=f"grief, {typed}"))

    assert response.status_code == 200
    [error] = find_all(response.text, "ul", class_="errorlist", id="id_new_tags_error")
    assert message in error.text
    [field] = find_all(response.text, "input", name="new_tags")
    assert field.attrs["value"] == f"grief, {typed}"
    assert not Post.objects.exists()
    assert not Tag.objects.exists()
