"""How fast the public pages answer with a large blog, and how many queries each runs.

Builds a throwaway database (Django's test database for whatever DATABASE_URL
names), fills it with POSTS posts, then requests each page REQUESTS times through
Django's full stack (middleware, templates, database) in this one process, and
prints the median and 95th percentile time and the queries per request.

    .venv/bin/python benchmarks/pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/practice .venv/bin/python benchmarks/pages.py

Targets, with 1,000 posts: a reader's page answers within 50 ms at the 95th
percentile; a search within 100 ms, though its words are in every post, so that all
1,000 are matched and ranked; the sitemap, which lists every post and is fetched by
crawlers, within 250 ms. Query counts stay the same whatever the number of posts (the
tests assert it).
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from blog.models import Category, Post, Tag  # noqa: E402
from blog.search import refresh_search_documents  # noqa: E402
from practice.models import Therapist  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", 1000))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 200))
READER_PAGE_P95_MS = 50
SEARCH_P95_MS = 100
SITEMAP_P95_MS = 250
PARAGRAPH = (
    "Trust is rebuilt through repeated experiences of safety, accountability and "
    "emotional honesty, and through conversations that feel safer over time. "
) * 6


def fill_database():
    morgan = Therapist.objects.create(name="Morgan", slug="morgan", notification_email="m@x.test")
    categories = [
        Category.objects.create(name=f"Category {n}", slug=f"category-{n}") for n in range(8)
    ]
    tags = [Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(40)]
    now = timezone.now()
    body = "\n\n".join(f"## Section {n}\n\n{PARAGRAPH}" for n in range(8))
    posts = [
        Post(
            title=f"Article number {n} about trust",
            slug=f"article-{n}",
            summary="A summary of the article for lists and feeds.",
            body=body,
            body_html=f"<p>{PARAGRAPH}</p>" * 8,
            author=morgan,
            category=categories[n % len(categories)],
            status=Post.Status.PUBLISHED,
            publish_at=now - timedelta(hours=n),
        )
        for n in range(POSTS)
    ]
    Post.objects.bulk_create(posts)
    refresh_search_documents(Post.objects.all())  # what save() does, post by post
    through = Post.tags.through
    through.objects.bulk_create(
        through(post_id=post.pk, tag_id=tags[(post.pk + k) % len(tags)].pk)
        for post in Post.objects.only("pk")
        for k in range(3)
    )


def measure(client, path):
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(path)  # warm up, counting queries
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        fill_database()
        middle = POSTS // 2
        pages = {
            "home": ("/", READER_PAGE_P95_MS),
            "blog index": ("/blog/", READER_PAGE_P95_MS),
            f"blog index, page {POSTS // 20}": (f"/blog/?page={POSTS // 20}", READER_PAGE_P95_MS),
            "post": (f"/blog/article-{middle}/", READER_PAGE_P95_MS),
            "category": ("/blog/category/category-3/", READER_PAGE_P95_MS),
            "tag": ("/blog/tag/tag-7/", READER_PAGE_P95_MS),
            "search": ("/blog/search/?q=trust+safety", SEARCH_P95_MS),
            "RSS feed": ("/blog/feed/", READER_PAGE_P95_MS),
            "sitemap": ("/sitemap.xml", SITEMAP_P95_MS),
        }
        client = Client()
        print(f"{connection.vendor}, {POSTS} posts, {REQUESTS} requests a page\n")
        print(f"{'page':<24}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
        missed = []
        for name, (path, target) in pages.items():
            median, p95, queries = measure(client, path)
            print(f"{name:<24}{median:>10.1f}{p95:>10.1f}{queries:>9}")
            if p95 > target:
                missed.append(f"{name} ({p95:.0f} ms > {target} ms)")
        print("\ntargets " + ("met" if not missed else "missed: " + ", ".join(missed)))
        return 1 if missed else 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
