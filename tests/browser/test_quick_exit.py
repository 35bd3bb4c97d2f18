"""A reader who must hide what they are reading leaves at once, by the "Exit this page"
button or by pressing Shift three times, and Back does not bring the page back."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NEUTRAL_SITE = "https://neutral.example/weather"
TRAUMA_POST = "/blog/beyond-fight-or-flight-understanding-our-trauma-responses/"


@pytest.fixture
def neutral_site(page, settings):
    """The site "Exit this page" leaves for, answered in the browser (there is no internet);
    each request for it is kept."""
    settings.QUICK_EXIT_URL = NEUTRAL_SITE
    requests = []

    def answer(route):
        requests.append(route.request)
        route.fulfill(content_type="text/html", body="<title>Weather</title>")

    page.route(f"{NEUTRAL_SITE}*", answer)
    return requests


@pytest.fixture
def neutral_site_never_answers(page, settings):
    """The neutral site's answer never comes: the page being left stays in the tab."""
    settings.QUICK_EXIT_URL = NEUTRAL_SITE
    page.route(f"{NEUTRAL_SITE}*", lambda route: route.abort("aborted"))


def test_the_button_leaves_in_the_pages_place_in_history_telling_nothing(
    page, live_server, demo_content, neutral_site
):
    page.goto("/")
    page.goto("/book/")

    page.get_by_role("link", name="Exit this page").click()

    expect(page).to_have_url(NEUTRAL_SITE)
    [request] = neutral_site
    assert request.headers.get("referer") is None
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/")


def test_shift_pressed_three_times_leaves_in_the_pages_place_in_history(
    page, live_server, demo_content, neutral_site
):
    page.goto("/")
    page.goto(TRAUMA_POST)

    for _ in range(3):
        page.keyboard.press("Shift")

    expect(page).to_have_url(NEUTRAL_SITE)
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/")


def test_the_page_is_blanked_at_once_while_the_neutral_site_loads(
    page, demo_content, neutral_site_never_answers
):
    page.goto("/book/")

    page.get_by_role("link", name="Exit this page").click()

    expect(page.locator("body")).to_match_aria_snapshot("- alert: Loading.")
    assert page.evaluate("document.body.innerText") == "Loading."
    expect(page).to_have_title("Loading")


def test_twice_is_counted_and_said_but_does_not_leave(page, demo_content, neutral_site):
    page.goto(TRAUMA_POST)

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")

    status = page.get_by_role("navigation", name="Quick exit").get_by_role("status")
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert neutral_site == []


def test_the_shift_held_for_a_capital_letter_is_not_counted(page, demo_content, neutral_site):
    page.goto("/book/")
    name = page.get_by_label("What should we call you?")
    name.click()

    page.keyboard.press("Shift+S")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")

    status = page.get_by_role("navigation", name="Quick exit").get_by_role("status")
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    expect(name).to_have_value("S")
    assert neutral_site == []


def test_presses_more_than_five_seconds_apart_start_again(page, demo_content, neutral_site):
    page.clock.install()
    page.goto(TRAUMA_POST)

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5_001)
    page.keyboard.press("Shift")

    status = page.get_by_role("navigation", name="Quick exit").get_by_role("status")
    expect(status).to_have_text("Shift, press 2 more times to exit.")
    assert neutral_site == []
