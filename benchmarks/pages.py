"""How fast the public pages answer with a large blog, and how many queries each runs.

Builds a throwaway database (Django's test database for whatever DATABASE_URL
names), fills it with --posts posts, then requests each page --requests times through
Django's full stack (middleware, templates, database) in this one process, and
prints the median and 95th percentile time and the queries per request.

    .venv/bin/python benchmarks/pages.py [--posts 10000] [--requests 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/practice .venv/bin/python benchmarks/pages.py

Targets, with 1,000 posts: a reader's page answers within 50 ms at the 95th
percentile; a search within 100 ms, though its words are in every post, so that all
1,000 are matched and ranked; the sitemap, which lists every post and is fetched by
crawlers, within 250 ms. Query counts stay the same whatever the number of posts (the
tests assert it).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from benchmarks.dataset import fill_database  # noqa: E402

READER_PAGE_P95_MS = 50
SEARCH_P95_MS = 100
SITEMAP_P95_MS = 250


def measure(client, path, requests):
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(path)  # warm up, counting queries
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def reader_pages(posts):
    """Each public page the benchmark requests, by name: its address and its target."""
    late_page = max(1, posts // 20)
    return {
        "home": ("/", READER_PAGE_P95_MS),
        "blog index": ("/blog/", READER_PAGE_P95_MS),
        f"blog index, page {late_page}": (f"/blog/?page={late_page}", READER_PAGE_P95_MS),
        "post": (f"/blog/article-{posts // 2}/", READER_PAGE_P95_MS),
        "category": ("/blog/category/category-3/", READER_PAGE_P95_MS),
        "tag": ("/blog/tag/tag-7/", READER_PAGE_P95_MS),
        "search": ("/blog/search/?q=trust+safety", SEARCH_P95_MS),
        "RSS feed": ("/blog/feed/", READER_PAGE_P95_MS),
        "sitemap": ("/sitemap.xml", SITEMAP_P95_MS),
        "booking form": ("/book/", READER_PAGE_P95_MS),
    }


@override_settings(PAGE_CACHE_SECONDS=0)
def measure_pages(posts, requests):
    """Fill a throwaway database with `posts` posts and measure every page as its view
    renders it, the whole-page cache off: a list of (name, median ms, p95 ms, queries,
    target ms)."""
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        fill_database(posts)
        client = Client()
        return [
            (name, *measure(client, path, requests), target)
            for name, (path, target) in reader_pages(posts).items()
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="requests a page")
    args = parser.parse_args()
    setup_test_environment()
    print(f"{connection.vendor}, {args.posts} posts, {args.requests} requests a page\n")
    print(f"{'page':<24}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    missed = []
    for name, median, p95, queries, target in measure_pages(args.posts, args.requests):
        print(f"{name:<24}{median:>10.1f}{p95:>10.1f}{queries:>9}")
        if p95 > target:
            missed.append(f"{name} ({p95:.0f} ms > {target} ms)")
    print("\ntargets " + ("met" if not missed else "missed: " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
