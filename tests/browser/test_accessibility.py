"""axe-core finds no WCAG 2.2 AA violation on the public pages, on a phone and a desktop."""

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TRUST_URL = "/blog/how-to-rebuild-trust-in-relationships/"

# Each page, and the status it must answer with, so that no scan passes on an error page.
PAGES = {
    "home": ("/", 200),
    "blog index": ("/blog/", 200),
    "post": (TRUST_URL, 200),
    "post with a content note": (
        "/blog/beyond-fight-or-flight-understanding-our-trauma-responses/",
        200,
    ),
    "review link that does not work": ("/blog/review/1:forged/", 404),
    "category": ("/blog/category/relationship-therapy/", 200),
    "search results": ("/blog/search/?q=trust", 200),
    "booking form": ("/book/", 200),
    "booking thanks": ("/book/thanks/", 200),
    "privacy": ("/privacy/", 200),
    "good faith estimate": ("/good-faith-estimate/", 200),
    "about": ("/about/", 200),
    "services": ("/services/", 200),
    "service": ("/services/relationship-therapy/", 200),
    "fees": ("/fees/", 200),
    "faq": ("/faq/", 200),
    "contact": ("/contact/", 200),
    "therapists": ("/therapists/", 200),
    "profile": ("/therapists/morgan/", 200),
    "not found": ("/no-such-page/", 404),
}


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport_page(request, page):
    page.set_viewport_size(request.param)
    return page


@pytest.mark.parametrize(("path", "status"), PAGES.values(), ids=PAGES.keys())
def test_page_has_no_accessibility_violations(
    viewport_page, demo_content, assert_accessible, path, status
):
    assert viewport_page.goto(path).status == status
    assert_accessible(viewport_page)


def test_booking_form_with_errors_has_no_violations(viewport_page, demo_content, assert_accessible):
    assert viewport_page.goto("/book/").status == 200
    viewport_page.get_by_role("button", name="Send request").click()
    viewport_page.get_by_role("alert").wait_for()
    assert_accessible(viewport_page)
