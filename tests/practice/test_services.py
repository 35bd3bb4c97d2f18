"""A service has a page of its own: who it is for, how sessions work, the fee, its questions,
the articles from its category, and the booking call to action. A post's "Learn more about"
leads there when its category points at the service."""

import pytest

from practice.models import Publication, Service
from tests.parsing import find_all

pytestmark = pytest.mark.django_db


def main_text(html):
    [main] = find_all(html, "main")
    return main.text


def test_a_service_page_says_who_it_is_for_and_how_sessions_work(client, service):
    html = client.get("/services/relationship-therapy/").text

    assert find_all(html, "h1")[0].text == "Relationship therapy"
    headings = [heading.text for heading in find_all(html, "h2")]
    assert headings[:3] == ["Who it is for", "How sessions work", "Questions and answers"]
    facts = {
        term.text: definition.text
        for term, definition in zip(find_all(html, "dt"), find_all(html, "dd"), strict=True)
    }
    assert facts == {
        "Sessions": "In person and online",
        "Length": "80 minutes",
        "Fee": "$190 for an 80-minute session.",
    }
    assert [item.text for item in find_all(html, "li") if item.is_inside("section")][:2] == [
        "Couples after an affair",
        "Partners who feel like roommates",
    ]
    assert find_all(html, "strong")[0].text == "80 minutes"
    assert [q.text for q in find_all(html, "h3", class_="questions__question")] == [
        "Do we both have to come?"
    ]


def test_a_service_page_invites_a_booking_and_links_the_fee_notices(client, service):
    html = client.get(service.get_absolute_url()).text

    [cta] = find_all(html, "aside", class_="cta")
    assert "Interested in relationship therapy?" in cta.text
    assert [a.attrs["href"] for a in find_all(html, "a") if a.is_inside("aside", class_="cta")] == [
        "/book/"
    ]
    assert find_all(html, "a", href="/good-faith-estimate/")


def test_a_service_lists_the_articles_of_its_category(client, service, make_post, category):
    category.service = service
    category.save()
    make_post("Rebuilding trust")
    make_post("A draft", status="draft")

    html = client.get(service.get_absolute_url()).text

    section = [a.text for a in find_all(html, "a") if a.is_inside(class_="post-card__title")]
    assert section == ["Rebuilding trust"]
    assert find_all(html, "a", href=category.get_absolute_url())


def test_a_draft_service_is_not_shown_but_editors_may_preview_it(client, log_in, service):
    Service.objects.filter(pk=service.pk).update(status=Publication.DRAFT)

    assert client.get(service.get_absolute_url()).status_code == 404
    log_in("Editors")
    assert client.get(f"{service.get_absolute_url()}preview/").status_code == 200


@pytest.mark.parametrize(
    ("linked", "status", "destination"),
    [
        (True, Publication.PUBLISHED, "/services/relationship-therapy/"),
        (True, Publication.DRAFT, "/blog/category/relationship-therapy/"),
        (False, Publication.PUBLISHED, "/blog/category/relationship-therapy/"),
    ],
    ids=["linked to a published service", "linked to a draft service", "not linked"],
)
def test_learn_more_leads_to_the_service_when_the_category_points_at_one(
    client, make_post, category, service, linked, status, destination
):
    Service.objects.filter(pk=service.pk).update(status=status)
    category.service = service if linked else None
    category.save()
    post = make_post()

    html = client.get(post.get_absolute_url()).text

    [link] = find_all(html, "a", class_="learn-more")
    assert link.text == "Learn more about Relationship Therapy"
    assert link.attrs["href"] == destination


def test_the_home_page_offers_the_published_services(client, service, therapist):
    Service.objects.create(name="Groups", slug="groups", summary="Soon.")

    html = client.get("/").text

    titles = [a.text for a in find_all(html, "a") if a.is_inside(class_="card__title")]
    assert titles == ["Relationship therapy"]
