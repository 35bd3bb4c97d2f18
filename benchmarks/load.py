"""How much the production server answers, measured against the ceiling: a static file of
the same size from the same server.

Builds its own SQLite database in a temporary directory with --posts posts (the blog of
benchmarks/dataset.py), collects the static files, and starts gunicorn as `make serve`
does (debug off, gunicorn.conf.py, whitenoise) on a free port of 127.0.0.1 with the same
--workers for every row. Then wrk (Debian's `wrk`) loads each page for --duration seconds
with 8 connections: the post page with the page cache on and off (PAGE_CACHE_SECONDS=0,
a second server), the blog index, the RSS feed, the sitemap, the booking form, and a
static file as large as the post page. Each page's throughput is given as a share of the
static file's. Last, benchmarks/pages.py's in-process measure: queries and render time
per page at 10, 1,000 and 10,000 posts.

    .venv/bin/python benchmarks/load.py [--posts 10000] [--duration 10] \
        [--output docs/benchmarks.md]
"""

import argparse
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# This process builds the data set in the benchmark's own database; settings read these
# when Django starts, below.
WORKDIR = Path(tempfile.mkdtemp(prefix="practice-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'db.sqlite3'}"
os.environ["DJANGO_STATIC_ROOT"] = str(WORKDIR / "static")
os.environ["DJANGO_MEDIA_ROOT"] = str(WORKDIR / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.dataset import fill_database  # noqa: E402
from benchmarks.pages import measure_pages  # noqa: E402
from tests.network import unused_port  # noqa: E402

IN_PROCESS_POSTS = (10, 1000, 10000)
IN_PROCESS_REQUESTS = 50
CONNECTIONS = 8
WRK_THREADS = 2
STATIC_NAME = "bench-same-size-as-a-post.html"
# The targets for a page as its view renders it (the whole-page cache off).
QUERY_BUDGETS = {"post": 4, "blog index": 3}
SITEMAP_TARGET_MS = 150


def production_environment(**extra):
    """What `make serve` sets, for this benchmark's database and static files."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "EMAIL_ENABLED": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


@contextmanager
def gunicorn(workers, **environment):
    """A production server, stopped (with its workers) however the block ends."""
    port = unused_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "practice.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
        ],
        cwd=ROOT,
        env=production_environment(**environment),
        start_new_session=True,  # its own process group, so that all of it can be stopped
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start; its errors are above") from None
                time.sleep(0.3)
        yield base
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def load(url, duration):
    """wrk's requests/s, median and 99th percentile (ms) for one address, after a request
    that warms it up (each worker's first, imports and connection)."""
    for _ in range(WRK_THREADS * 2):
        urllib.request.urlopen(url, timeout=30).read()
    output = subprocess.run(
        ["wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise SystemExit(f"{url} answered {match[1]} requests with an error:\n{output}")
    return (
        float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)[1]),
        milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)[1]),
    )


def build_site(posts):
    """The benchmark's database, its static files and a static file as large as the post
    page; the post page's address."""
    call_command("migrate", verbosity=0)
    fill_database(posts)
    post = f"/blog/article-{posts // 2}/"
    size = len(Client().get(post, headers={"host": "127.0.0.1"}).content)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=production_environment(),
        check=True,
    )
    # Whitenoise serves what is in STATIC_ROOT when the server starts.
    text = ("<p>" + "static file of the same size as the post page. " * 40 + "</p>\n") * (
        size // 2000 + 1
    )
    (WORKDIR / "static" / STATIC_NAME).write_text(text[:size])
    return post


def load_table(posts, duration, workers):
    post = build_site(posts)
    rows = []
    with gunicorn(workers, PAGE_CACHE_SECONDS="0") as base:
        rows.append(("post, page cache off", *load(base + post, duration)))
    with gunicorn(workers) as base:
        rows.insert(0, ("post, page cache on", *load(base + post, duration)))
        for name, path in [
            ("blog index", "/blog/"),
            ("RSS feed", "/blog/feed/"),
            ("sitemap", "/sitemap.xml"),
            ("booking form (GET)", "/book/"),
            ("static file, same size as the post", f"/static/{STATIC_NAME}"),
        ]:
            rows.append((name, *load(base + path, duration)))
    static_rate = rows[-1][1]
    lines = [
        "| page | requests/s | p50 ms | p99 ms | share of the static file's requests/s |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {rate:.0f} | {p50:.1f} | {p99:.1f} | {rate / static_rate:.2f} |"
        for name, rate, p50, p99 in rows
    ]
    return lines


def in_process_table(sizes):
    """The table of queries and render times by blog size, and the issue's targets that
    it misses (none, one hopes)."""
    setup_test_environment()
    results = {size: measure_pages(size, IN_PROCESS_REQUESTS) for size in sizes}
    pages = [name for name, *_ in results[sizes[0]]]
    header = "| page | " + " | ".join(f"{size:,} posts: queries, median ms" for size in sizes)
    lines = [header + " |", "|---|" + "---:|" * len(sizes)]
    for index, page in enumerate(pages):
        cells = []
        for size in sizes:
            _, median, _, queries, _ = results[size][index]
            cells.append(f"{queries}, {median:.1f}")
        # A late index page is named by its number, which differs by size.
        name = re.sub(r"page \d+", "a late page", page)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines, missed_targets(results)


def missed_targets(results):
    """At most 4 queries for a post page and 3 for the index at every size, and the
    sitemap of the largest blog rendered, uncached, within SITEMAP_TARGET_MS."""
    missed = []
    for page, budget in QUERY_BUDGETS.items():
        counts = {size: queries(results[size], page) for size in results}
        if max(counts.values()) > budget:
            missed.append(f"{page}: {counts} queries by size, more than {budget}")
    largest = max(results)
    sitemap_ms = next(median for name, median, *_ in results[largest] if name == "sitemap")
    if sitemap_ms > SITEMAP_TARGET_MS:
        missed.append(f"sitemap at {largest:,} posts: {sitemap_ms:.0f} ms > {SITEMAP_TARGET_MS}")
    return missed


def queries(measured, page):
    return next(count for name, _, _, count, _ in measured if name == page)


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    return (
        f"{model[1] if model else platform.processor()}, {os.cpu_count()} cores, "
        f"{memory_kb / 1024 / 1024:.1f} GB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts in the served blog")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load a row")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, every row")
    parser.add_argument(
        "--in-process-posts",
        type=lambda text: tuple(int(size) for size in text.split(",")),
        default=IN_PROCESS_POSTS,
        help="comma-separated blog sizes for the in-process measure (default 10,1000,10000)",
    )
    parser.add_argument("--output", type=Path, help="write the results here (Markdown)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("benchmarks/load.py needs wrk, the HTTP load generator: apt-get install wrk")
        return 2

    command = shlex.join(["benchmarks/load.py", *sys.argv[1:]])
    print(f"Serving {args.posts:,} posts; {args.duration} s of load a row\n", flush=True)
    served = load_table(args.posts, args.duration, args.workers)
    print("\n".join(served) + "\n", flush=True)
    in_process, missed = in_process_table(args.in_process_posts)
    print("\n".join(in_process))
    verdict = "Targets met." if not missed else "Targets missed: " + "; ".join(missed)
    print("\n" + verdict)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(
            "\n".join(
                [
                    "# Benchmarks",
                    "",
                    f"Run on {date.today().isoformat()} with `.venv/bin/python {command}`,",
                    f"on {machine()}.",
                    "",
                    f"## The production server, {args.posts:,} posts",
                    "",
                    f"gunicorn ({args.workers} workers, gunicorn.conf.py, debug off) on "
                    f"127.0.0.1; wrk, {WRK_THREADS} threads and {CONNECTIONS} connections, "
                    f"{args.duration} s a row. The last column is each page's requests/s "
                    "as a share of the static file's.",
                    "",
                    *served,
                    "",
                    "## In process, by the number of posts",
                    "",
                    "Django's whole stack in one process (benchmarks/pages.py), "
                    f"{IN_PROCESS_REQUESTS} requests a page after one to warm up.",
                    "",
                    *in_process,
                    "",
                    f"Targets: at most {QUERY_BUDGETS['post']} queries for a post page and "
                    f"{QUERY_BUDGETS['blog index']} for the index at every size; the sitemap "
                    f"of the largest blog within {SITEMAP_TARGET_MS} ms uncached. {verdict}",
                    "",
                ]
            )
        )
        print(f"\nwritten to {args.output}")
    return 1 if missed else 0


if __name__ == "__main__":
    # A stop from outside cleans up as Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
