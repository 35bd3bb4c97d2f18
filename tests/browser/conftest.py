"""Real-browser fixtures: Playwright driving the operating system's Chromium.

Nothing here downloads a browser. CHROMIUM_PATH points at another binary; without
one, the browser tests are skipped, unless BROWSER_TESTS=required (as in CI).
"""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# set up each test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# Chromium as root in a container, with no network but loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_available():
    return Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("BROWSER_TESTS") == "required":
        raise pytest.UsageError(f"BROWSER_TESTS=required but no Chromium at {CHROMIUM_PATH}")
    skip = pytest.mark.skip(reason="no Chromium: apt-get install chromium, or set CHROMIUM_PATH")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def pytest_report_header(config):
    if not chromium_available():
        return (
            f"browser tests: skipped, no Chromium at {CHROMIUM_PATH} "
            "(apt-get install chromium, or set CHROMIUM_PATH, to run them)"
        )
    return f"browser tests: {CHROMIUM_PATH}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser, live_server):
    """A fresh phone-sized page; on failure its screenshot and HTML go to test-artifacts/."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if getattr(request.node, "call_failed", False):
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS_DIR / f"{name}.png", full_page=True)
        (ARTIFACTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()


@pytest.fixture
def demo_content(transactional_db):
    """The demo site's therapist, categories and posts, visible to the live server."""
    call_command("load_demo_content", stdout=StringIO())


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page and fail with every violation it finds."""

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"

    return check
