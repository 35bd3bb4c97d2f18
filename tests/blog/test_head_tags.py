"""Every page tells search engines and link previews what it is; a post adds JSON-LD."""

from datetime import datetime

import pytest

from practice.models import Page, Practice, Service
from tests.parsing import find_all, structured_data

SITE = "http://testserver"
PAGE_TYPES = [
    *("home", "privacy", "index", "post", "category", "tag", "search"),
    *("page", "service", "therapists", "therapist"),
]


def head_tags(html):
    """The page's <title>, canonical URL and every <meta> keyed by its name or property."""
    metas = {
        meta.attrs.get("name") or meta.attrs.get("property"): meta.attrs["content"]
        for meta in find_all(html, "meta")
        if "content" in meta.attrs
    }
    [title] = find_all(html, "title")
    [canonical] = find_all(html, "link", rel="canonical")
    return {"title": title.text, "canonical": canonical.attrs["href"], **metas}


@pytest.fixture
def post(make_post, make_tag):
    return make_post(
        "Rebuilding trust", summary="How trust is rebuilt, step by step.", tags=[make_tag("Trust")]
    )


@pytest.fixture
def pages(post, category, therapist):
    """Each page type: its address, the title it gives itself, and its Open Graph type."""
    Page.objects.create(title="About the practice", slug="about", status="published")
    Service.objects.create(
        name="Couples therapy", slug="couples", summary="For couples.", status="published"
    )
    return {
        "page": ("/about/", "About the practice", "website"),
        "service": ("/services/couples/", "Couples therapy", "website"),
        "therapists": ("/therapists/", "Our therapists", "website"),
        "therapist": ("/therapists/morgan/", "Morgan", "profile"),
        "home": ("/", Practice.get_solo().name, "website"),
        "privacy": ("/privacy/", "Privacy notice", "website"),
        "index": ("/blog/", "Articles", "website"),
        "post": (post.get_absolute_url(), post.title, "article"),
        "category": (category.get_absolute_url(), category.name, "website"),
        "tag": ("/blog/tag/trust/", "Articles tagged “Trust”", "website"),
        "search": ("/blog/search/", "Search articles", "website"),
    }


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_has_title_description_canonical_and_social_tags(client, pages, page_type):
    path, title, og_type = pages[page_type]

    tags = head_tags(client.get(path).content.decode())

    full_title = (
        title if title == Practice.get_solo().name else f"{title} · {Practice.get_solo().name}"
    )
    assert tags["title"] == full_title
    assert tags["description"]
    assert tags["canonical"] == f"{SITE}{path}"
    assert tags["og:site_name"] == Practice.get_solo().name
    assert tags["og:type"] == og_type
    assert tags["og:title"] == tags["twitter:title"] == title
    assert tags["og:description"] == tags["twitter:description"] == tags["description"]
    assert tags["og:url"] == tags["canonical"]
    assert tags["twitter:card"] == "summary"


def test_post_and_category_describe_themselves_with_their_own_words(client, post, category):
    post_tags = head_tags(client.get(post.get_absolute_url()).content.decode())
    category_tags = head_tags(client.get(category.get_absolute_url()).content.decode())

    assert post_tags["description"] == post.summary
    assert category_tags["description"] == category.description


def test_post_prefers_its_seo_title_and_description(client, make_post):
    post = make_post(seo_title="Trust, rebuilt", seo_description="A short guide to repair.")

    tags = head_tags(client.get(post.get_absolute_url()).content.decode())

    assert tags["og:title"] == "Trust, rebuilt"
    assert tags["description"] == "A short guide to repair."


def test_canonical_url_drops_tracking_parameters_but_keeps_the_page_number(client, make_post):
    for _ in range(11):
        make_post()

    first = head_tags(client.get("/blog/", {"utm_source": "newsletter"}).content.decode())
    second = head_tags(client.get("/blog/", {"page": "2", "ref": "x"}).content.decode())

    assert first["canonical"] == f"{SITE}/blog/"
    assert second["canonical"] == f"{SITE}/blog/?page=2"


def test_search_pages_ask_not_to_be_indexed_and_others_do_not(client, pages):
    assert head_tags(client.get("/blog/search/", {"q": "trust"}).content.decode())["robots"] == (
        "noindex"
    )
    assert "robots" not in head_tags(client.get("/blog/").content.decode())


def test_post_with_a_featured_image_offers_it_to_link_previews(client, make_post, featured_image):
    post = make_post(featured_image=featured_image, featured_image_alt="A calm lake at dawn.")
    image_url = f"{SITE}{post.featured_image.url}"

    html = client.get(post.get_absolute_url()).content.decode()
    tags = head_tags(html)

    assert tags["og:image"] == tags["twitter:image"] == image_url
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == "A calm lake at dawn."
    assert tags["twitter:card"] == "summary_large_image"
    assert structured_data(html)["image"] == image_url


def test_post_is_described_as_a_blog_posting(client, post):
    data = structured_data(client.get(post.get_absolute_url()).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post.title
    assert data["description"] == post.summary
    assert datetime.fromisoformat(data["datePublished"]) == post.publish_at
    assert datetime.fromisoformat(data["dateModified"]) == post.updated_at
    assert data["author"] == {"@type": "Person", "name": post.author.name}
    assert data["mainEntityOfPage"] == f"{SITE}{post.get_absolute_url()}"
    assert "image" not in data


def test_a_title_cannot_break_out_of_the_json_ld_script(client, make_post):
    title = '</script><script>alert("pwned")</script> & <!-- trust'
    post = make_post(title)

    html = client.get(post.get_absolute_url()).content.decode()

    assert len(find_all(html, "script")) == 1
    assert structured_data(html)["headline"] == title
    assert head_tags(html)["og:title"] == title
