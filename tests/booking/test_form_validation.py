"""What the form accepts and refuses, field by field, and how it stores what it accepts."""

import pytest

from booking.forms import BookingRequestForm
from booking.models import BookingRequest, LookingForOption

# Each case: the fields changed from valid data, and the one field that must then complain.
INVALID = {
    "no name": ({"name": ""}, "name"),
    "a name of spaces": ({"name": "   "}, "name"),
    "a name over 100 characters": ({"name": "a" * 101}, "name"),
    "a line break in the name": ({"name": "Sam\nRivera"}, "name"),
    "a tab in the name": ({"name": "Sam\tRivera"}, "name"),
    "a null character in the name": ({"name": "Sam\x00"}, "name"),
    "an escape sequence in the name": ({"name": "Sam\x1b[31m"}, "name"),
    "a right-to-left override in the name": ({"name": "Sam\u202erevir"}, "name"),
    "a line separator in the name": ({"name": "Sam\u2028Rivera"}, "name"),
    "a name of a zero-width space": ({"name": "\u200b"}, "name"),
    "a name of invisible characters": ({"name": "\u00a0\u200b\ufeff\u2060"}, "name"),
    "no email": ({"email": ""}, "email"),
    "an email without a domain": ({"email": "sam@"}, "email"),
    "an email over 254 characters": ({"email": "s" * 250 + "@example.com"}, "email"),
    "a line break in the email": ({"email": "sam@example.com\nBcc: x@example.com"}, "email"),
    "letters in the phone": ({"phone": "call me maybe"}, "phone"),
    "too few phone digits": ({"phone": "12 34 5"}, "phone"),
    "too many phone digits": ({"phone": "+1234 5678 9012 3456"}, "phone"),
    "a phone over 32 characters": ({"phone": "555" + " " * 30 + "1234567"}, "phone"),
    "a plus sign inside the phone": ({"phone": "555 + 123 4567"}, "phone"),
    "a line break in the phone": ({"phone": "555 123\n4567"}, "phone"),
    "a phone call but no phone": ({"preferred_contact": "phone"}, "phone"),
    "texts but no phone": ({"preferred_contact": "text"}, "phone"),
    "no contact method": ({"preferred_contact": None}, "preferred_contact"),
    "an unknown contact method": ({"preferred_contact": "pigeon"}, "preferred_contact"),
    "nothing looked for": ({"looking_for": None}, "looking_for"),
    "an unknown answer id": ({"looking_for": "999999"}, "looking_for"),
    "a non-numeric answer id": ({"looking_for": "1 OR 1=1"}, "looking_for"),
    "no session format": ({"session_format": None}, "session_format"),
    "an unknown session format": ({"session_format": "by carrier pigeon"}, "session_format"),
    "an unknown availability": ({"availability": ["sundays at dawn"]}, "availability"),
    "a note over 1,000 characters": ({"note": "a" * 1001}, "note"),
    "a control character in the note": ({"note": "Ramp please\x07"}, "note"),
    "no consent": ({"consent": None}, "consent"),
    # A ticked box sends "on"; anything else, a script's "0" above all, is no consent.
    "consent sent as 0": ({"consent": "0"}, "consent"),
    "consent sent as no": ({"consent": "no"}, "consent"),
    "consent sent as empty": ({"consent": ""}, "consent"),
}


@pytest.mark.parametrize(("changes", "field"), INVALID.values(), ids=INVALID.keys())
def test_form_refuses_with_an_error_on_the_field(booking_data, therapist, changes, field):
    form = BookingRequestForm(data=booking_data(**changes), therapist=therapist)

    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_an_answer_no_longer_offered_is_refused(booking_data, therapist, looking_for):
    looking_for.offered = False
    looking_for.save()

    form = BookingRequestForm(data=booking_data(), therapist=therapist)

    assert list(form.errors) == ["looking_for"]


def test_an_answer_added_in_admin_is_offered(booking_data, therapist):
    family = LookingForOption.objects.create(label="Family therapy")

    form = BookingRequestForm(data=booking_data(looking_for=str(family.pk)), therapist=therapist)

    assert form.is_valid(), form.errors
    assert "Family therapy" in str(form["looking_for"])


@pytest.mark.parametrize(
    "name", ["Zoë Ångström", "李小龍", "محمد عبدالله", "Siobhán O'Brien-Ní Dhuibhir", "ज़ोया"]
)
def test_names_in_any_script_are_welcome(booking_data, therapist, name):
    form = BookingRequestForm(data=booking_data(name=name), therapist=therapist)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == name


PHONE_NUMBERS = {
    "(555) 123-4567": "5551234567",
    "555.123.4567": "5551234567",
    "+1 (555) 123-4567": "+15551234567",
    "+44 20 7946 0958": "+442079460958",
    "0044 20 7946 0958": "+442079460958",
    " +49 30/1234567 ": "+49301234567",
    # Full-width, as East Asian keyboards type them, and Eastern Arabic digits.
    "\uff0b\uff18\uff11 \uff13\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17": "+81301234567",
    "\u0665\u0665\u0665 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667": "5551234567",
}


@pytest.mark.parametrize(("typed", "stored"), PHONE_NUMBERS.items())
def test_phone_numbers_are_stored_normalised(booking_data, therapist, typed, stored):
    form = BookingRequestForm(data=booking_data(phone=typed), therapist=therapist)

    assert form.is_valid(), form.errors
    assert form.save().phone == stored


def test_a_note_of_1000_characters_with_line_breaks_fits(booking_data, therapist):
    # Browsers count a line break as one character but send two: 1,008 arrive.
    note = "\r\n".join(["x" * 99] * 10)

    form = BookingRequestForm(data=booking_data(note=note), therapist=therapist)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "\n".join(["x" * 99] * 10)


def test_choosing_texts_is_permission_to_text(booking_data, therapist):
    data = booking_data(preferred_contact="text", phone="555 123 4567", texts_ok=None)

    booking_request = BookingRequestForm(data=data, therapist=therapist).save()

    assert booking_request.texts_ok is True


def test_what_the_client_chose_is_stored(booking_data, therapist, looking_for):
    data = booking_data(
        preferred_contact="phone",
        phone="555 123 4567",
        voicemail_ok="on",
        availability=["weekday_mornings", "weekends"],
        note="I use a wheelchair.",
    )

    booking_request = BookingRequestForm(data=data, therapist=therapist).save()
    booking_request.refresh_from_db()

    assert booking_request.therapist == therapist
    assert booking_request.looking_for == looking_for
    assert booking_request.preferred_contact == BookingRequest.ContactMethod.PHONE
    assert (booking_request.voicemail_ok, booking_request.texts_ok) == (True, False)
    assert booking_request.session_format == BookingRequest.SessionFormat.ONLINE
    assert booking_request.get_availability_display() == "Weekday mornings, Weekends"
    assert booking_request.note == "I use a wheelchair."


@pytest.mark.parametrize("sent", ["0", "false", "no", "off", "1", "true", "yes"])
def test_only_a_ticked_box_gives_permission_to_call_or_text(booking_data, therapist, sent):
    data = booking_data(preferred_contact="phone", phone="555 123 4567", voicemail_ok=sent)

    booking_request = BookingRequestForm(data=data, therapist=therapist).save()

    assert booking_request.voicemail_ok is False


def test_each_time_of_availability_is_stored_once_in_the_forms_order(booking_data, therapist):
    data = booking_data(availability=["weekends", "weekday_mornings", "weekends", "weekends"])

    booking_request = BookingRequestForm(data=data, therapist=therapist).save()

    assert booking_request.availability == ["weekday_mornings", "weekends"]
