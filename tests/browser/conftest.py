"""Real-browser fixtures: Playwright driving the operating system's Chromium.

Nothing here downloads a browser. CHROMIUM_PATH points at another binary; without
one, the browser tests are skipped, unless BROWSER_TESTS=required (as in CI).
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import expect, sync_playwright

from practice.sign_in import must_enrol
from tests.authenticator import current_code, enrol

from .chromium import CHROMIUM_PATH, chromium_available

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# set up each test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("BROWSER_TESTS") == "required":
        raise pytest.UsageError(f"BROWSER_TESTS=required but no Chromium at {CHROMIUM_PATH}")
    skip = pytest.mark.skip(reason="no Chromium: apt-get install chromium, or set CHROMIUM_PATH")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def migrated_database(django_db_setup):
    """The test database as migrations left it, serialized by Django at set-up.

    Taken before Playwright starts: under its event loop Django hands the tests a new
    connection object, which lacks the serialized copy.
    """
    return connections[DEFAULT_DB_ALIAS]._test_serialized_contents


@pytest.fixture(autouse=True)
def _restore_migrated_data_on_this_connection(migrated_database):
    """Let serialized rollback find its copy, so each browser test starts with the data
    migrations made (the booking form's answers), not the emptied tables a previous
    live-server test left."""
    connections[DEFAULT_DB_ALIAS]._test_serialized_contents = migrated_database


@pytest.fixture(scope="session")
def browser(migrated_database):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser, live_server, settings, django_db_serialized_rollback):
    """A fresh phone-sized page; on failure its screenshot and HTML go to test-artifacts/.

    Any Content Security Policy violation the browser reports fails the test. The
    database starts as migrations left it (the answers the booking form offers included),
    not as the last live-server test emptied it.
    """
    settings.ROOT_URLCONF = "tests.browser.urls"
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )
    yield page
    if getattr(request.node, "call_failed", False) and not page.is_closed():
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS_DIR / f"{name}.png", full_page=True)
        (ARTIFACTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()
    assert csp_violations == [], "the page broke its Content Security Policy"


@pytest.fixture
def sign_in(page, make_user):
    """Sign in through the admin's sign-in page as a new user of the role; whoever must
    give a second factor has an authenticator app enrolled and types its code."""

    def sign_in(role):
        password = "a long password for the browser"
        user = make_user(role, password=password)
        device = enrol(user) if must_enrol(user) else None
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Next").click()
        if device:
            page.get_by_label("Code from your app").fill(current_code(device))
            page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
        return user

    return sign_in


@pytest.fixture
def demo_content(transactional_db, media_root):
    """The demo site (practice, pages, services, therapist, posts), visible to the live
    server; Morgan's photo is stored under the temporary media root."""
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
