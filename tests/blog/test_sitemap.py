"""The sitemap lists the site's pages, published posts and their categories; robots.txt names it."""

import xml.etree.ElementTree as ET

from django.utils import timezone

from blog.models import Category, Post

SITEMAP = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://testserver"


def sitemap_entries(client):
    """Each URL in the sitemap mapped to its <url> element."""
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext("sitemap:loc", namespaces=SITEMAP): url
        for url in root.findall("sitemap:url", SITEMAP)
    }


def test_sitemap_lists_pages_published_posts_and_their_categories_absolutely(
    client, make_post, category
):
    post = make_post()
    drafts_only = Category.objects.create(name="Drafts only", slug="drafts-only")
    make_post(category=drafts_only, status=Post.Status.DRAFT)

    assert set(sitemap_entries(client)) == {
        f"{SITE}/",
        f"{SITE}/blog/",
        f"{SITE}/book/",
        f"{SITE}/privacy/",
        f"{SITE}{post.get_absolute_url()}",
        f"{SITE}{category.get_absolute_url()}",
    }


def test_a_post_entry_gives_the_date_it_last_changed(client, make_post):
    post = make_post()

    entry = sitemap_entries(client)[f"{SITE}{post.get_absolute_url()}"]

    assert (
        entry.findtext("sitemap:lastmod", namespaces=SITEMAP)
        == timezone.localdate(post.updated_at).isoformat()
    )


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
