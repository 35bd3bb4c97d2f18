"""Every booking call to action on the site leads to the right booking page."""

import pytest

from tests.parsing import find_all


def cta_links(html):
    return [link.attrs["href"] for link in find_all(html, "a") if link.is_inside(class_="cta")]


def test_the_navigation_leads_to_the_booking_form(client, therapist):
    (link,) = find_all(client.get("/").text, "a", class_="nav-cta")

    assert link.attrs["href"] == "/book/"


def test_the_navigation_marks_the_booking_form_as_the_current_page(client, therapist):
    (link,) = find_all(client.get("/book/").text, "a", class_="nav-cta")

    assert link.attrs["aria-current"] == "page"


def test_the_home_page_leads_to_the_default_therapists_form(client, therapist):
    assert cta_links(client.get("/").text) == ["/book/"]


@pytest.mark.parametrize(
    ("author", "booking_url"),
    [("therapist", "/book/morgan/"), ("other_therapist", "/book/riley/")],
)
def test_a_post_leads_to_its_authors_booking_page(client, make_post, request, author, booking_url):
    post = make_post(author=request.getfixturevalue(author))

    html = client.get(post.get_absolute_url()).text

    assert cta_links(html) == [booking_url]
    assert client.get(booking_url).status_code == 200
