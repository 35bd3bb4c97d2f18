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
    expect(page.get_by_role("heading", level=1)).to_have_text("Relationship therapy")
    expect(page.get_by_role("link", name=TRUST)).to_be_visible()

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_label("Search articles").fill("trust")
    page.get_by_label("Search articles").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("for “trust”")
    page.get_by_role("link", name=TRUST).click()

    cta = page.get_by_role("complementary", name="Interested in booking therapy with Morgan?")
    cta.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book therapy with Morgan")


def test_on_a_phone_from_home_to_a_service_an_article_its_author_and_booking(page, demo_content):
    """The first screen says who the practice is, shows Morgan and offers the booking link;
    a reader then learns about a service, reads an article and gets in touch."""
    page.goto("/")
    first_screen = page.viewport_size["height"]
    for element in [
        page.get_by_role("heading", level=1),
        page.get_by_role("img", name="Morgan"),
        page.get_by_role("link", name="Request a first appointment").first,
    ]:
        expect(element).to_be_visible()
        box = element.bounding_box()
        assert box["y"] + box["height"] <= first_screen, element

    page.get_by_role("link", name="Relationship therapy").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relationship therapy")
    expect(page.get_by_role("heading", name="Who it is for")).to_be_visible()

    page.get_by_role("link", name=TRUST).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TRUST)
    connect = page.get_by_role("complementary", name="Connect here")
    expect(connect.get_by_role("img", name="Morgan")).to_be_visible()
    connect.get_by_role("link", name="Book therapy with Morgan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book therapy with Morgan")
