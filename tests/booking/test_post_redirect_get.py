"""A request is stored once, then the browser is sent to a thank-you page that echoes nothing."""

import pytest
import time_machine
from django.utils import timezone

from booking.models import BookingRequest
from practice.models import Practice
from practice.privacy import current_notice
from tests.parsing import find_all


def test_a_valid_request_is_stored_and_redirects_to_thanks(client, booking_data, therapist):
    moment = timezone.now()

    with time_machine.travel(moment, tick=False):
        response = client.post("/book/", booking_data())

    assert (response.status_code, response.url) == (302, "/book/thanks/")
    booking_request = BookingRequest.objects.get()
    assert booking_request.therapist == therapist
    assert booking_request.status == BookingRequest.Status.NEW
    assert booking_request.consent_at == moment
    assert booking_request.privacy_notice_version == current_notice().version.version


def test_a_request_on_a_therapists_page_is_for_that_therapist(
    client, booking_data, other_therapist
):
    client.post("/book/riley/", booking_data())

    assert BookingRequest.objects.get().therapist == other_therapist


def test_the_thank_you_page_says_what_happens_next_and_echoes_nothing(
    client, booking_data, settings
):
    Practice.objects.update(reply_within_working_days=1)
    data = booking_data(name="Zephyrine Quill", email="zq@example.org", note="Ramp access")

    html = client.post("/book/", data, follow=True).text
    (main,) = find_all(html, "main")

    assert "What happens next" in main.text
    assert "will reply within one working day" in main.text
    assert "If you are in crisis, call or text 988" in main.text
    assert not [value for value in ("Zephyrine", "zq@example.org", "Ramp access") if value in html]


def test_the_thank_you_page_is_not_for_search_engines(client, db):
    html = client.get("/book/thanks/").text

    assert find_all(html, "meta", name="robots", content="noindex")


@pytest.mark.parametrize(
    "changes",
    [{"website": "https://pills.example"}, {}],
    ids=["kept as suspected spam, so no email", "a person's request"],
)
def test_the_thank_you_page_promises_no_email(
    client, booking_data, mailoutbox, django_capture_on_commit_callbacks, changes
):
    """It is the same page for everyone, and a request kept as spam gets no email."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking_data(**changes), follow=True)

    page = response.text.lower()
    assert "thank you" in page
    assert "confirmation" not in page
    assert "inbox" not in page


def test_a_resent_form_stores_one_request(client, booking_data):
    data = booking_data()

    responses = [client.post("/book/", data) for _ in range(3)]

    assert [response.url for response in responses] == ["/book/thanks/"] * 3
    assert BookingRequest.objects.count() == 1


def test_a_resent_form_is_thanked_even_over_the_rate_limit(client, booking_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    data = booking_data()
    client.post("/book/", data)

    assert client.post("/book/", data).status_code == 302


def test_two_forms_make_two_requests(client, booking_data):
    client.post("/book/", booking_data())
    client.post("/book/", booking_data())

    assert BookingRequest.objects.count() == 2


def test_a_corrected_form_keeps_its_token_and_stores_once(client, booking_data):
    data = booking_data(email="sam@")
    client.post("/book/", data)
    client.post("/book/", {**data, "email": "sam@example.com"})
    client.post("/book/", {**data, "email": "sam@example.com"})

    assert BookingRequest.objects.get().email == "sam@example.com"
