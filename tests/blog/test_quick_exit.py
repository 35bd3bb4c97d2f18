"""Articles on a sensitive topic, by their category or a content note, offer "Exit this
page"; other pages do not, nor do they load its script."""

import pytest
from django.urls import reverse

from blog.models import Category
from tests.parsing import find_all, quick_exit


@pytest.fixture
def sensitive_category(db):
    return Category.objects.create(name="Trauma Therapy", slug="trauma-therapy", sensitive=True)


def test_a_post_in_a_sensitive_category_offers_a_way_out(client, make_post, sensitive_category):
    post = make_post(category=sensitive_category)

    links, scripts = quick_exit(client.get(post.get_absolute_url()).text)

    assert [link.text for link in links] == ["Exit this page"]
    assert len(scripts) == 1


def test_a_post_with_a_content_note_offers_a_way_out(client, make_post):
    post = make_post(content_note="This article discusses childhood abuse.")

    links, scripts = quick_exit(client.get(post.get_absolute_url()).text)

    assert [link.text for link in links] == ["Exit this page"]
    assert len(scripts) == 1


def test_the_way_out_leads_to_the_neutral_site_in_the_settings(
    client, make_post, sensitive_category, settings
):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    post = make_post(category=sensitive_category)

    [link], [script] = quick_exit(client.get(post.get_absolute_url()).text)

    assert link.attrs["href"] == "https://weather.example/"
    assert link.attrs["rel"] == "nofollow noreferrer"
    assert "defer" in script.attrs


def test_an_ordinary_post_and_the_home_page_have_no_exit_button_nor_its_script(
    client, make_post, practice
):
    for url in [make_post().get_absolute_url(), "/"]:
        assert quick_exit(client.get(url).text) == ([], []), url


def test_editors_mark_a_category_sensitive(client, log_in, category):
    log_in("Editors")
    change_url = reverse("admin:blog_category_change", args=[category.pk])
    form = {"name": category.name, "slug": category.slug, "description": "", "sensitive": "on"}

    client.post(change_url, form)

    category.refresh_from_db()
    assert category.sensitive
    changelist = client.get(reverse("admin:blog_category_changelist")).text
    assert "Sensitive topic" in [heading.text for heading in find_all(changelist, "th")]
