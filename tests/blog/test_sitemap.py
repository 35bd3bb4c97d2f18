"""The sitemap lists the site's pages, services, therapists, published posts and their
categories; robots.txt names it."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import time_machine

from blog.models import Category, Post
from practice.models import Page, Service

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
    client, make_post, category, therapist
):
    post = make_post()
    drafts_only = Category.objects.create(name="Drafts only", slug="drafts-only")
    make_post(category=drafts_only, status=Post.Status.DRAFT)
    published = Service.objects.create(name="Couples", slug="couples", status="published")
    Service.objects.create(name="Soon", slug="soon", summary="Draft.")
    Page.objects.create(title="Draft page", slug="draft-page")

    assert set(sitemap_entries(client)) == {
        f"{SITE}/",
        f"{SITE}/blog/",
        f"{SITE}/book/",
        f"{SITE}/therapists/",
        f"{SITE}/therapists/morgan/",
        f"{SITE}{published.get_absolute_url()}",
        # The notices the migrations publish.
        f"{SITE}/privacy/",
        f"{SITE}/good-faith-estimate/",
        f"{SITE}{post.get_absolute_url()}",
        f"{SITE}{category.get_absolute_url()}",
    }


def test_a_post_entry_gives_the_day_it_last_changed_in_utc(client, make_post):
    post = make_post()

    entry = sitemap_entries(client)[f"{SITE}{post.get_absolute_url()}"]

    assert entry.findtext("sitemap:lastmod", namespaces=SITEMAP) == (
        post.updated_at.astimezone(UTC).date().isoformat()
    )
    assert entry.findtext("sitemap:changefreq", namespaces=SITEMAP) == "monthly"
    assert entry.findtext("sitemap:priority", namespaces=SITEMAP) == "0.8"


def test_a_post_changed_late_at_night_in_new_york_is_dated_by_utc(client, make_post):
    with time_machine.travel(datetime(2026, 11, 3, 4, 30, tzinfo=UTC), tick=False):
        post = make_post()  # 11:30 p.m. on November 2 in New York

    entry = sitemap_entries(client)[f"{SITE}{post.get_absolute_url()}"]

    assert entry.findtext("sitemap:lastmod", namespaces=SITEMAP) == "2026-11-03"


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    # db: the page cache asks when the next post is scheduled.
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
