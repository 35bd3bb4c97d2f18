"""The practice's own pages: written in admin, shown at /<slug>/, listed in the navigation
in the order editors give; the notices every page links to; questions and answers."""

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from practice.models import Page, Publication, Question, Service
from tests.parsing import find_all

pytestmark = pytest.mark.django_db


def navigation(html):
    """The main navigation's links, as (words, address)."""
    links = find_all(html, "a")
    return [(link.text, link.attrs["href"]) for link in links if link.is_inside("nav")]


def test_a_published_page_is_at_its_address(client, make_page):
    make_page("About the practice", "about", body="## Who we are\n\nA small practice.")

    html = client.get("/about/").text

    assert find_all(html, "h1")[0].text == "About the practice"
    [heading] = find_all(html, "h2", id="section-who-we-are")
    assert heading.text == "Who we are"


def test_a_draft_is_not_found_but_editors_may_preview_it(client, log_in, make_page):
    make_page("Groups", "groups", status=Publication.DRAFT)

    assert client.get("/groups/").status_code == 404
    assert client.get("/groups/preview/").status_code == 404
    log_in("Editors")
    preview = client.get("/groups/preview/")

    assert preview.status_code == 200
    assert "Preview: not published." in preview.text
    assert find_all(preview.text, "meta", name="robots", content="noindex")
    assert "no-store" in preview.headers["Cache-Control"]


def test_a_published_pages_preview_leads_to_the_page(client, log_in, make_page):
    make_page()
    log_in("Editors")

    assert client.get("/about/preview/").url == "/about/"


def test_the_navigation_lists_the_pages_in_the_editors_order(client, make_page):
    make_page("Fees and insurance", "fees", navigation_position=2, navigation_label="Fees")
    make_page("About the practice", "about", navigation_position=1, navigation_label="About")
    make_page("Parking", "parking")  # not in the navigation
    make_page("Groups", "groups", navigation_position=3, status=Publication.DRAFT)

    links = navigation(client.get("/").text)

    assert links == [
        ("About", "/about/"),
        ("Fees", "/fees/"),
        ("Articles", "/blog/"),
        ("Book a consultation", "/book/"),
    ]


def test_the_navigation_marks_the_current_page(client, make_page):
    make_page(navigation_position=1)

    [link] = [link for link in find_all(client.get("/about/").text, "a") if link.is_inside("nav")][
        :1
    ]

    assert link.attrs["aria-current"] == "page"


def test_the_navigation_costs_one_query_however_many_pages(
    client, make_page, django_assert_num_queries
):
    make_page(navigation_position=1)
    with CaptureQueriesContext(connection) as with_one_page:
        client.get("/blog/")
    for number in range(8):
        make_page(f"Page {number}", f"page-{number}", navigation_position=number + 2)

    with django_assert_num_queries(len(with_one_page)):
        client.get("/blog/")


@pytest.mark.parametrize("slug", ["blog", "book", "admin", "services", "therapists", "media"])
def test_a_page_cannot_take_the_address_of_the_sites_own(client, log_in, slug):
    log_in("Editors")

    response = client.post(
        reverse("admin:practice_page_add"),
        {"title": "Mine", "slug": slug, "status": "published", "body": "", **empty_questions()},
    )

    assert "already the address of one of the site’s own pages" in str(
        response.context["adminform"].form.errors["slug"]
    )


def empty_questions():
    return {
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }


def test_an_editor_writes_a_page_with_questions_in_admin(client, log_in):
    log_in("Editors")

    response = client.post(
        reverse("admin:practice_page_add"),
        {
            "title": "Questions",
            "slug": "faq",
            "status": "published",
            "navigation_position": "4",
            "body": "Answers to what people ask most.",
            **empty_questions(),
            "questions-TOTAL_FORMS": "2",
            "questions-0-question": "Is it confidential?",
            "questions-0-answer": "Yes, *with* the legal exceptions.",
            "questions-0-position": "1",
            "questions-1-question": "How long does therapy last?",
            "questions-1-answer": "It depends.",
            "questions-1-position": "2",
        },
    )

    assert response.status_code == 302
    html = client.get("/faq/").text
    headings = [
        heading.text
        for heading in find_all(html, "h3")
        if heading.is_inside("ol", class_="questions")
    ]
    assert headings == ["Is it confidential?", "How long does therapy last?"]
    assert find_all(html, "em")[0].text == "with"
    assert ("Questions", "/faq/") in navigation(html)


def test_pages_the_site_relies_on_cannot_be_deleted(client, log_in):
    log_in("superuser")
    privacy = Page.objects.get(purpose=Page.Purpose.PRIVACY)

    response = client.get(reverse("admin:practice_page_delete", args=[privacy.pk]))

    assert response.status_code == 403


def test_each_purpose_belongs_to_one_page(make_page):
    with pytest.raises(IntegrityError):
        make_page("Another privacy notice", "privacy-2", purpose=Page.Purpose.PRIVACY)


@pytest.mark.parametrize("path", ["/", "/blog/", "/book/", "/about/"])
def test_every_page_links_to_the_privacy_and_good_faith_estimate_notices(
    client, make_page, therapist, path
):
    make_page()

    html = client.get(path).text

    links = [link.attrs["href"] for link in find_all(html, "a") if link.is_inside("footer")]
    assert "/privacy/" in links
    assert "/good-faith-estimate/" in links


def test_the_good_faith_estimate_notice_says_what_the_law_gives(client):
    html = client.get("/good-faith-estimate/").text

    assert "Good Faith Estimate" in find_all(html, "h1")[0].text
    assert "at least $400 more than your Good Faith Estimate" in html
    assert find_all(html, "a", href="https://www.cms.gov/nosurprises")


def test_the_fees_page_and_the_booking_form_link_to_the_good_faith_estimate(
    client, make_page, therapist
):
    make_page("Fees and insurance", "fees", purpose=Page.Purpose.FEES)

    for path in ["/fees/", "/book/"]:
        html = client.get(path).text
        links = find_all(html, "a", href="/good-faith-estimate/")
        assert [link for link in links if not link.is_inside("footer")], path


def test_the_contact_page_shows_the_practices_details(client, make_page, practice):
    practice.phone = "(503) 555-0142"
    practice.opening_hours = "Monday to Thursday, 9 to 7"
    practice.save()
    make_page("Contact and location", "contact", purpose=Page.Purpose.CONTACT)

    html = client.get("/contact/").text

    [details] = [a for a in find_all(html, "address") if a.is_inside("article")]
    assert "Monday to Thursday, 9 to 7" in details.text
    assert find_all(html, "a", href="tel:5035550142")


def test_the_services_page_lists_the_published_services(client, make_page, service):
    Service.objects.create(name="Groups", slug="groups", summary="Soon.")  # a draft
    make_page("Services", "services", purpose=Page.Purpose.SERVICES)

    html = client.get("/services/").text

    titles = [link.text for link in find_all(html, "a") if link.is_inside(class_="card__title")]
    assert titles == ["Relationship therapy"]


def test_questions_belong_to_a_page_or_a_service_not_both(make_page, service):
    with pytest.raises(IntegrityError):
        Question.objects.create(page=make_page(), service=service, question="?", answer=".")
