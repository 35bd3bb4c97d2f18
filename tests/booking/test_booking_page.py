"""The booking page a client meets: for whom, what it says first, and how it shows errors."""

import pytest
from django.test import Client

from booking.models import BookingRequest
from practice.models import Practice, Therapist
from tests.parsing import find_all, parse_html

BOOK_URL = "/book/"


def visible_inputs(html):
    return [
        element
        for element in parse_html(html)
        if element.tag in {"input", "textarea", "select"}
        and element.attrs.get("type") != "hidden"
        and not element.is_inside(class_="booking-form__website")
    ]


def test_book_names_the_default_therapist(client, therapist, other_therapist):
    response = client.get(BOOK_URL)

    assert response.status_code == 200
    assert find_all(response.text, "h1")[0].text == "Book therapy with Morgan"


def test_a_therapist_has_their_own_booking_page(client, therapist, other_therapist):
    response = client.get("/book/riley/")

    assert find_all(response.text, "h1")[0].text == "Book therapy with Riley"
    assert response.context["form"].instance.therapist == other_therapist


def test_an_unknown_therapist_is_not_found(client, therapist):
    assert client.get("/book/nobody/").status_code == 404


@pytest.mark.django_db
def test_without_any_therapist_the_page_is_not_found(client):
    assert client.get(BOOK_URL).status_code == 404


@pytest.mark.usefixtures("therapist")
@pytest.mark.parametrize(
    "words",
    [
        "This form is not monitored for emergencies.",
        "call or text 988 (the Suicide and Crisis Lifeline) in the US",
        "If you are in danger, call 911.",
        "Please do not include health details here",
    ],
)
def test_above_the_form_come_the_crisis_line_and_no_health_details(client, words):
    (main,) = find_all(client.get(BOOK_URL).text, "main")

    assert words in main.text.split("What should we call you?")[0]


def test_the_page_says_how_soon_the_practice_replies(client, therapist, settings):
    Practice.objects.update(reply_within_working_days=1)

    assert "we will reply within one working day" in client.get(BOOK_URL).text


def test_a_therapist_not_accepting_clients_gets_a_kind_notice_and_no_form(
    client, therapist, booking_data
):
    therapist.accepting_new_clients = False
    therapist.save()

    page = client.get(BOOK_URL)
    posted = client.post(BOOK_URL, booking_data())

    assert "Morgan is not taking on new clients at the moment" in page.text
    assert not find_all(page.text, "form", class_="booking-form")
    assert posted.status_code == 200
    assert not BookingRequest.objects.exists()


def test_the_notice_points_to_therapists_who_are_accepting(client, therapist, other_therapist):
    therapist.accepting_new_clients = False
    therapist.save()

    links = find_all(client.get(BOOK_URL).text, "a", href="/book/riley/")

    assert [link.text for link in links] == ["Book therapy with Riley"]


@pytest.mark.usefixtures("therapist")
def test_every_field_has_a_visible_label_or_legend(client):
    html = client.get(BOOK_URL).text
    labelled = {label.attrs["for"] for label in find_all(html, "label") if "for" in label.attrs}

    inputs = visible_inputs(html)

    assert len(inputs) == 23
    assert [element.attrs["id"] for element in inputs if element.attrs["id"] not in labelled] == []


@pytest.mark.usefixtures("therapist")
@pytest.mark.parametrize(("name", "autocomplete"), [("name", "name"), ("email", "email")])
def test_contact_fields_say_what_to_autofill(client, name, autocomplete):
    (field,) = find_all(client.get(BOOK_URL).text, "input", name=name)

    assert field.attrs["autocomplete"] == autocomplete


@pytest.mark.usefixtures("therapist")
def test_the_phone_field_autofills_a_telephone_number(client):
    (field,) = find_all(client.get(BOOK_URL).text, "input", name="phone")

    assert (field.attrs["type"], field.attrs["autocomplete"]) == ("tel", "tel")


@pytest.mark.usefixtures("therapist")
def test_the_consent_box_starts_unticked(client):
    html = client.get(BOOK_URL).text

    (box,) = find_all(html, "input", name="consent")
    (label,) = find_all(html, "label", **{"for": box.attrs["id"]})
    assert "checked" not in box.attrs
    assert label.text == (
        "I have read the privacy notice, and I understand this form is not for emergencies."
    )


@pytest.mark.usefixtures("therapist")
def test_the_honeypot_is_hidden_from_people_and_their_tools(client):
    html = client.get(BOOK_URL).text
    (honeypot,) = find_all(html, "input", name="website")

    assert honeypot.is_inside(class_="booking-form__website", **{"aria-hidden": "true"})
    assert honeypot.has(tabindex="-1", autocomplete="off")


@pytest.mark.usefixtures("therapist")
def test_the_form_page_is_never_cached(client):
    response = client.get(BOOK_URL)

    assert "no-store" in response["Cache-Control"]


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(client, booking_data):
    response = client.post(BOOK_URL, booking_data(name="", looking_for=None, consent=None))
    html = response.text

    (summary,) = find_all(html, "div", class_="error-summary", role="alert")
    links = [
        link.attrs["href"]
        for link in parse_html(html)
        if link.is_inside(class_="error-summary") and link.tag == "a"
    ]
    assert response.status_code == 200
    assert "Please check 3 answers" in summary.text
    assert links == ["#id_name", "#id_looking_for_0", "#id_consent"]
    assert all(find_all(html, "input", id=link[1:]) for link in links)


def test_each_error_is_tied_to_its_field(client, booking_data):
    html = client.post(BOOK_URL, booking_data(email="sam@", looking_for=None)).text

    (email,) = find_all(html, "input", name="email")
    (email_error,) = find_all(html, "ul", id="id_email_error")
    (looking_for_group,) = [
        fieldset
        for fieldset in find_all(html, "fieldset")
        if fieldset.attrs.get("aria-describedby") == "id_looking_for_error"
    ]
    assert email.has(**{"aria-invalid": "true", "aria-describedby": "id_email_error"})
    assert email_error.text == "Please enter an email address like name@example.com."
    assert all(
        radio.has(**{"aria-invalid": "true"})
        for radio in find_all(html, "input", name="looking_for")
    )
    assert looking_for_group.text.startswith("What are you looking for?")


def test_everything_typed_is_kept_when_the_form_comes_back(client, booking_data):
    data = booking_data(
        email="not an email",
        phone="555 123 4567",
        preferred_contact="phone",
        texts_ok="on",
        availability=["weekends"],
        note="Mornings are hard.",
    )

    html = client.post(BOOK_URL, data).text

    def checked(name, value=None):
        (box,) = [
            element
            for element in find_all(html, "input", name=name)
            if value is None or element.attrs["value"] == value
        ]
        return "checked" in box.attrs

    assert find_all(html, "input", name="name")[0].attrs["value"] == "Sam Rivera"
    assert find_all(html, "input", name="email")[0].attrs["value"] == "not an email"
    assert find_all(html, "input", name="phone")[0].attrs["value"] == "555 123 4567"
    assert find_all(html, "textarea", name="note")[0].text == "Mornings are hard."
    assert checked("preferred_contact", "phone")
    assert checked("texts_ok")
    assert not checked("voicemail_ok")
    assert checked("availability", "weekends")
    assert not checked("availability", "weekday_evenings")
    assert checked("consent")
    assert find_all(html, "input", name="form_token")[0].attrs["value"] == data["form_token"]


def test_the_form_works_without_javascript(client, therapist):
    html = client.get(BOOK_URL).text

    (form,) = find_all(html, "form", class_="booking-form")
    (button,) = find_all(html, "button", type="submit")
    assert form.has(method="post")
    assert "action" not in form.attrs
    assert button.is_inside("form", class_="booking-form")
    # The page's one script is "Exit this page"'s, which the form does not need.
    assert [script.attrs["src"] for script in find_all(html, "script")] == [
        "/static/js/quick-exit.js"
    ]


@pytest.mark.usefixtures("therapist")
def test_a_post_without_the_csrf_token_is_refused(booking_data):
    response = Client(enforce_csrf_checks=True).post(BOOK_URL, booking_data())

    assert response.status_code == 403
    assert not BookingRequest.objects.exists()


@pytest.mark.usefixtures("therapist")
def test_a_post_with_the_csrf_token_is_accepted(booking_data):
    browser = Client(enforce_csrf_checks=True)
    browser.get(BOOK_URL)
    token = browser.cookies["csrftoken"].value

    response = browser.post(BOOK_URL, {**booking_data(), "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert BookingRequest.objects.count() == 1


@pytest.mark.parametrize("colleagues", [1, 4])
def test_the_closed_page_looks_up_the_default_therapist_once_however_many_colleagues_it_names(
    client, closed_therapist, colleagues, django_assert_num_queries
):
    for number in range(colleagues):
        Therapist.objects.create(
            name=f"Colleague {number}", slug=f"colleague-{number}", notification_email="c@x.test"
        )

    # The default therapist, the practice's details with its pages, the open colleagues.
    with django_assert_num_queries(3) as queries:
        response = client.get(BOOK_URL)

    links = [link for link in find_all(response.text, "a") if "Book therapy with" in link.text]
    assert len(links) == colleagues
    default_lookups = [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "practice_therapist"' in query["sql"] and query["sql"].endswith("LIMIT 1")
    ]
    assert len(default_lookups) == 1
