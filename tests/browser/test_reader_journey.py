"""A reader finds an article, moves between articles, searches, and reaches the booking form."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TRUST = "How to Rebuild Trust in Relationships"
BEYOND = "Beyond Fight or Flight: Understanding Our Trauma Responses"


def test_reader_reads_moves_on_searches_and_reaches_booking(page, demo_content):
    page.goto("/")
    page.get_by_role("link", name=TRUST).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TRUST)
    expect(page.get_by_role("heading", name="When to seek couples therapy")).to_be_visible()

    page.get_by_role("link", name=f"Next {BEYOND}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BEYOND)
    page.get_by_role("link", name=f"Previous {TRUST}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TRUST)

    related = page.get_by_role("region", name="Related articles").get_by_role("link").first
    related_title = related.inner_text()
    related.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(related_title)

    page.go_back()
    page.get_by_role("link", name="Learn more about Relationship Therapy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relationship Therapy")
    expect(page.get_by_role("link", name=TRUST)).to_be_visible()

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_label("Search articles").fill("trust")
    page.get_by_label("Search articles").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("for “trust”")
    page.get_by_role("link", name=TRUST).click()

    cta = page.get_by_role("complementary", name="Interested in booking therapy with Morgan?")
    cta.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book therapy with Morgan")
