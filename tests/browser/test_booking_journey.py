"""A client asks for a first appointment with the keyboard alone, recovering from a mistake."""

import re

import pytest
from playwright.sync_api import expect

from booking.models import BookingRequest

pytestmark = pytest.mark.browser

MAX_TABS = 60


def tab_to(page, selector):
    """Press Tab until the element is focused, as a keyboard user moves through the page."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.fixture
def no_minimum_fill_time(monkeypatch):
    """A test types faster than a person; the timing check would take it for a script."""
    monkeypatch.setattr("booking.spam.MIN_FILL_SECONDS", 0)


def test_client_corrects_an_error_and_books_with_the_keyboard(
    page, demo_content, no_minimum_fill_time
):
    page.goto("/book/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book therapy with Morgan")

    tab_to(page, "#id_name")
    page.keyboard.type("Sam Rivera")
    tab_to(page, "#id_email")
    page.keyboard.type("sam@")
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Email")
    expect(summary).to_contain_text("I have read the privacy notice")
    expect(page.get_by_label("What should we call you?")).to_have_value("Sam Rivera")
    email = page.get_by_role("textbox", name="Email address")
    expect(email).to_have_value("sam@")
    expect(email).to_have_attribute("aria-invalid", "true")
    assert BookingRequest.objects.count() == 0

    tab_to(page, "#id_email")
    page.keyboard.press("Control+A")
    page.keyboard.type("sam@example.com")
    tab_to(page, "[name=looking_for]")
    page.keyboard.press("Space")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/book/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    expect(page.locator("main")).not_to_contain_text("Sam Rivera")
    [booking_request] = BookingRequest.objects.all()
    assert (booking_request.name, booking_request.email) == ("Sam Rivera", "sam@example.com")
    assert booking_request.status == BookingRequest.Status.NEW
