"""Before a note with health or identity details is stored, the form asks once whether to
take them out; it never blocks the request and keeps no trace of what it found."""

import logging

import pytest
from django.forms.models import model_to_dict

from booking.models import BookingRequest
from booking.note_guard import looks_sensitive
from tests.parsing import find_all

pytestmark = pytest.mark.django_db
ASKED = "Your note may hold health or identity details"
DETAILED_NOTE = "I was diagnosed with PTSD and take sertraline 50mg. DOB 04/12/1988."


@pytest.mark.parametrize(
    "note",
    [
        "I have been diagnosed with bipolar disorder",
        "I take Zoloft",
        "My medication makes mornings hard",
        "Sertraline 100 mg",
        "DOB: 3/7/1979",
        "Date of birth 1990-02-14",
        "My SSN is 123-45-6789",
        "Social security number on request",
        "Insurance member ID W1234567",
        "Medicaid covers me",
    ],
)
def test_health_and_identity_details_are_noticed(note):
    assert looks_sensitive(note)


@pytest.mark.parametrize(
    "note",
    [
        "I use a wheelchair: is there step-free access?",
        "Mornings are hard because of the school run.",
        "I can start after 01/05/2027.",
        "Please call me on 555 123 4567 after 6.",
        "",
    ],
)
def test_practical_notes_pass_quietly(note):
    assert not looks_sensitive(note)


def test_the_form_asks_once_before_storing_such_a_note(client, booking_data):
    response = client.post("/book/", booking_data(note=DETAILED_NOTE))

    assert response.status_code == 200
    assert ASKED in response.text
    assert not BookingRequest.objects.exists()
    [textarea] = find_all(response.text, "textarea", name="note")
    assert textarea.text.strip() == DETAILED_NOTE
    [checked] = find_all(response.text, "input", name="note_checked")
    assert checked.attrs["value"] == "1"


def test_sending_again_stores_the_note_as_it_is(client, booking_data):
    data = booking_data(note=DETAILED_NOTE)
    first = client.post("/book/", data)
    [checked] = find_all(first.text, "input", name="note_checked")

    second = client.post("/book/", {**data, "note_checked": checked.attrs["value"]})

    assert second.status_code == 302
    assert BookingRequest.objects.get().note == DETAILED_NOTE


def test_a_note_taken_out_goes_without_asking_again(client, booking_data):
    data = booking_data(note=DETAILED_NOTE)
    client.post("/book/", data)

    response = client.post("/book/", {**data, "note": "Evenings only", "note_checked": "1"})

    assert response.status_code == 302
    assert BookingRequest.objects.get().note == "Evenings only"


def test_a_practical_note_goes_first_time(client, booking_data):
    response = client.post("/book/", booking_data(note="Step-free access, please."))

    assert response.status_code == 302


def test_nothing_of_what_the_check_found_is_stored_or_logged(client, booking_data, caplog):
    caplog.set_level(logging.DEBUG)
    data = booking_data(note=DETAILED_NOTE)
    client.post("/book/", data)
    client.post("/book/", {**data, "note_checked": "1"})
    plain = booking_data(note="Evenings only")
    client.post("/book/", plain)

    guarded, unguarded = BookingRequest.objects.order_by("pk")
    ignored = {"id", "note", "token", "consent_at", "status_changed_at", "link_key"}
    assert {key: value for key, value in model_to_dict(guarded).items() if key not in ignored} == {
        key: value for key, value in model_to_dict(unguarded).items() if key not in ignored
    }
    for words in ["PTSD", "sertraline", "1988", "diagnos"]:
        assert words not in caplog.text
