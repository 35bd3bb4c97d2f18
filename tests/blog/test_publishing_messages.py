"""After saving a post, the admin says plainly what readers get: a draft, a post scheduled
for a given time, or a post published now."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from blog.models import Post
from tests.parsing import find_all, form_data

ADD = reverse("admin:blog_post_add")
NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


def change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


def messages_shown(response):
    return [item.text for item in find_all(response.content.decode(), "li", class_="success")]


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "“Listening to understand” is published."),
        ({"publish_at_0": "", "publish_at_1": ""}, "“Listening to understand” is published."),
        (
            {"publish_at_0": "2026-11-03", "publish_at_1": "09:30:00"},
            "“Listening to understand” is scheduled to be published at 9:30 a.m. on Nov 3, 2026.",
        ),
        ({"status": Post.Status.DRAFT}, "“Listening to understand” is saved as a draft."),
    ],
)
def test_adding_a_post_says_whether_it_is_published_scheduled_or_a_draft(
    client, log_in, post_form, fields, message
):
    log_in("Editors")

    response = client.post(ADD, post_form(**fields), follow=True)

    assert messages_shown(response) == [message]


@pytest.mark.parametrize("button", ["_save", "_continue", "_addanother"])
def test_every_save_button_says_so_with_a_link_to_the_post(client, log_in, make_post, button):
    post = make_post("Coming soon", status=Post.Status.DRAFT)
    log_in("Editors")
    data = form_data(client.get(change_url(post)).content.decode(), "post_form")
    data |= {"status": "published", "publish_at_0": "2026-12-01", "publish_at_1": "08:00:00"}

    response = client.post(change_url(post), {**data, button: "Save"}, follow=True)

    assert messages_shown(response) == [
        "“Coming soon” is scheduled to be published at 8:00 a.m. on Dec 1, 2026."
    ]
    [link] = [a for a in find_all(response.content.decode(), "a") if a.is_inside(class_="success")]
    assert link.attrs["href"] == change_url(post)
    assert link.text == "Coming soon"


def test_a_title_is_shown_as_text_not_markup(client, log_in, post_form):
    log_in("Editors")

    response = client.post(ADD, post_form(title="<b>Bold</b> & brave"), follow=True)

    assert messages_shown(response) == ["“<b>Bold</b> & brave” is published."]
