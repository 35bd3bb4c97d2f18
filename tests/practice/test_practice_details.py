"""The practice's details are edited in admin, one record, and show everywhere at once:
header, footer, titles, feeds, emails, booking pages and structured data."""

import importlib

import pytest
from django.core import mail
from django.urls import reverse

from booking.notifications import client_acknowledgement
from practice.models import DEFAULT_CRISIS_WORDING, Practice
from practice.views import server_error
from tests.parsing import find_all, structured_data

CHANGE_URL = reverse("admin:practice_practice_change", args=[1])


def details_form(practice, **changes):
    """The admin form's data for the practice, with some fields changed."""
    fields = [
        *("name", "tagline", "email", "phone", "address", "opening_hours"),
        "reply_within_working_days",
        *("crisis_wording", "home_heading", "home_intro", "sessions_text", "fees_line"),
    ]
    data = {name: getattr(practice, name) for name in fields}
    if practice.online_only:
        data["online_only"] = "on"
    return {**data, **changes}


def test_an_editor_changes_the_details_and_the_next_page_shows_them(
    client, log_in, practice, therapist
):
    log_in("Editors")

    response = client.post(
        CHANGE_URL,
        details_form(
            practice,
            name="Calm Harbour Therapy",
            tagline="Therapy for couples on the coast.",
            phone="(503) 555-0199",
            reply_within_working_days=1,
        ),
    )

    assert response.status_code == 302
    home = client.get("/").text
    booking = client.get("/book/").text
    feed = client.get("/blog/feed/").text
    assert find_all(home, "a", class_="site-name")[0].text == "Calm Harbour Therapy"
    assert find_all(home, "title")[0].text == "Calm Harbour Therapy"
    assert "Therapy for couples on the coast." in home
    assert find_all(home, "a", href="tel:5035550199")
    assert "we will reply within one working day" in booking
    assert "<title>Calm Harbour Therapy: articles</title>" in feed


def test_the_clients_email_names_the_practice_as_it_is_now(
    practice, make_booking_request, therapist
):
    Practice.objects.update(name="Calm Harbour Therapy", email="hello@calm.example")

    email = client_acknowledgement(make_booking_request())

    assert email.subject == "Calm Harbour Therapy: we have received your request"
    assert email.reply_to == ["hello@calm.example"]
    assert "Thank you for getting in touch with Calm Harbour Therapy." in email.body


def test_the_admin_carries_the_practices_name(client, log_in, practice):
    Practice.objects.update(name="Calm Harbour Therapy")
    log_in("Editors")

    html = client.get(reverse("admin:index")).text

    assert "Calm Harbour Therapy" in find_all(html, "title")[0].text
    assert "Django administration" not in html


def test_there_is_one_record_of_details_and_it_cannot_be_deleted(client, log_in, practice):
    log_in("superuser")

    response = client.get(reverse("admin:practice_practice_changelist"))

    # No list: straight to the one record's form.
    assert response.status_code == 200
    assert response.context["original"] == practice
    assert client.get(reverse("admin:practice_practice_add")).status_code == 403
    assert client.get(reverse("admin:practice_practice_delete", args=[1])).status_code == 403


@pytest.mark.parametrize(
    "path", ["/", "/book/", "/blog/", "/privacy/", "/no-such-page/"], ids=str.strip
)
def test_the_crisis_wording_is_the_practices_everywhere(client, practice, therapist, path):
    Practice.objects.update(crisis_wording="In an emergency call 999 or text 85258.")

    html = client.get(path).text

    notices = find_all(html, "p", class_="crisis-notice")
    assert notices
    assert all("In an emergency call 999 or text 85258." in notice.text for notice in notices)
    calls = [link for link in find_all(html, "a") if link.is_inside(class_="crisis-notice")]
    assert {link.attrs["href"] for link in calls} == {"tel:999", "tel:85258"}


def test_the_email_carries_the_same_crisis_wording(practice, make_booking_request):
    Practice.objects.update(crisis_wording="In an emergency call 999 or text 85258.")

    email = client_acknowledgement(make_booking_request())

    assert "This email address is not monitored for emergencies." in email.body
    assert "In an emergency call 999 or text 85258." in email.body


def test_the_500_page_gives_the_crisis_wording_as_last_read_without_the_database(
    practice, django_assert_num_queries
):
    Practice.objects.update(crisis_wording="In an emergency call 999.")
    Practice.get_solo()  # as every page reads it

    with django_assert_num_queries(0):
        html = server_error(None).content.decode()

    [notice] = find_all(html, "p", class_="crisis-notice")
    assert notice.text == "This site is not for emergencies. In an emergency call 999."


def test_the_500_page_falls_back_to_the_default_wording(monkeypatch):
    monkeypatch.setattr(Practice, "_last_read", None)

    [notice] = find_all(server_error(None).content.decode(), "p", class_="crisis-notice")
    assert notice.text == f"This site is not for emergencies. {DEFAULT_CRISIS_WORDING}"


def test_the_home_page_describes_the_practice_to_search_engines(client, practice, therapist):
    Practice.objects.update(
        phone="(503) 555-0142", address="1846 SE Larkspur Street\nPortland, OR 97214"
    )

    data = structured_data(client.get("/").text)

    assert data["@type"] == "MedicalBusiness"
    assert data["name"] == practice.name
    assert data["url"] == "http://testserver/"
    assert data["telephone"] == "(503) 555-0142"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1846 SE Larkspur Street, Portland, OR 97214",
    }
    assert [person["name"] for person in data["employee"]] == ["Morgan"]
    assert data["employee"][0]["url"] == "http://testserver/therapists/morgan/"


def test_an_online_only_practice_gives_no_address(client, practice, therapist):
    Practice.objects.update(online_only=True, address="1846 SE Larkspur Street")

    html = client.get("/").text

    assert "address" not in structured_data(html)
    assert "Sessions online only" in html
    assert "Larkspur" not in html


def test_no_email_is_sent_by_changing_details(client, log_in, practice):
    log_in("Editors")
    client.post(CHANGE_URL, details_form(practice, tagline="New words."))

    assert mail.outbox == []


@pytest.mark.parametrize(
    ("days", "promise"),
    [(1, "within one working day"), (2, "within two working days"), (10, "within 10 working days")],
)
def test_the_reply_promise_reads_as_words(practice, days, promise):
    practice.reply_within_working_days = days

    assert practice.response_time == promise


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("within one working day", 1),
        ("within 3 working days", 3),
        ("within five working days", 5),
        ("as soon as we can", 2),
    ],
)
def test_the_written_promise_is_carried_over_as_a_number(text, days):
    migration = importlib.import_module("practice.migrations.0009_reply_within_working_days")

    assert migration.days_promised(text) == days
