"""Every booking page offers "Exit this page", the first thing after the skip link, for a
client who must hide at once that they are asking for therapy."""

from urllib.parse import urlsplit

import pytest

from booking.client_link import link_to
from tests.parsing import find_all, quick_exit

pytestmark = pytest.mark.usefixtures("therapist")


def test_the_booking_form_offers_a_way_out_first_after_the_skip_link(client, settings):
    settings.QUICK_EXIT_URL = "https://weather.example/"

    html = client.get("/book/").text

    [link], [script] = quick_exit(html)
    assert (link.text, link.attrs["href"]) == ("Exit this page", "https://weather.example/")
    assert "defer" in script.attrs
    skip_link, first_link, *_ = find_all(html, "a")
    assert skip_link.text == "Skip to main content"
    assert first_link.has(class_="quick-exit__button")


def test_the_thank_you_page_offers_a_way_out(client):
    links, scripts = quick_exit(client.get("/book/thanks/").text)

    assert [link.text for link in links] == ["Exit this page"]
    assert len(scripts) == 1


def test_the_page_that_says_the_form_is_resting_offers_a_way_out(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    client.post("/book/", booking_data())

    response = client.post("/book/", booking_data())

    assert response.status_code == 429
    links, scripts = quick_exit(response.text)
    assert [link.text for link in links] == ["Exit this page"]
    assert len(scripts) == 1


@pytest.mark.parametrize(
    "page",
    ["", "contact-details/", "contact-wishes/", "withdraw/", "forged", "withdrawn", "new-link"],
)
def test_the_pages_behind_a_clients_private_link_offer_a_way_out(
    client, make_booking_request, page
):
    booking_request = make_booking_request()
    booking_request.new_link_key()
    booking_request.save()
    path = {
        "forged": "/book/request/forged/",
        "withdrawn": "/book/request/withdrawn/",
        "new-link": "/book/request/new-link-sent/",
    }.get(page, urlsplit(link_to(booking_request)).path + page)

    links, scripts = quick_exit(client.get(path).text)

    assert [link.text for link in links] == ["Exit this page"]
    assert len(scripts) == 1


def test_the_waitlist_offers_a_way_out(client, closed_therapist):
    links, _ = quick_exit(client.get(f"/book/{closed_therapist.slug}/waitlist/joined/").text)

    assert [link.text for link in links] == ["Exit this page"]
