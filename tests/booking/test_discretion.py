"""A client may ask us to be discreet: every email to them then comes under a neutral name
and subject, says nothing of therapy and, unless they allowed it, names no practice; Intake
sees their instructions wherever they reach them from."""

import re
from urllib.parse import urlsplit

import pytest

from booking.client_link import link_to
from booking.discretion import TELLTALE_WORDS
from booking.models import BookingRequest, ReplyTemplate
from practice.models import Practice, Therapist
from tests.parsing import find_all

pytestmark = pytest.mark.django_db
DISCREET = {"discreet": "on", "safe_times": "Weekdays 9 to 3"}
LINK = re.compile(r"https?://\S+/book/request/\S+/")


@pytest.fixture
def practice(db):
    return Practice.objects.update_or_create(
        pk=1, defaults={"name": "Calm Harbour Therapy", "email": "hello@calmharbour.example"}
    )[0]


@pytest.fixture
def therapist(db):
    return Therapist.objects.create(
        name="Morgan Reed", slug="morgan", notification_email="morgan@example.com"
    )


def assert_discreet(message, *, names_practice=False):
    """Nothing in the sender, subject or body tells whoever sees it what it is about."""
    seen = f"{message.from_email}\n{message.subject}\n{message.body}"
    assert "Calm Harbour" not in f"{message.from_email}\n{message.subject}"
    assert ("Calm Harbour" in message.body) == names_practice
    # The practice's name, where the client allowed it, may say "therapy" for them.
    assert not TELLTALE_WORDS.search(seen.replace("Calm Harbour Therapy", ""))
    assert "Reed" not in seen or names_practice
    assert message.from_email.startswith("Appointments <")


def to_client(mailoutbox, address="sam@example.com"):
    return [message for message in mailoutbox if message.to == [address]]


def test_the_form_keeps_the_wish_for_discretion(submit, practice):
    booking_request = submit(**DISCREET)

    assert booking_request.discreet
    assert booking_request.safe_times == "Weekdays 9 to 3"
    assert not booking_request.may_name_practice


def test_without_discretion_its_details_are_dropped(submit, practice):
    booking_request = submit(safe_times="Evenings", may_name_practice="")

    assert not booking_request.discreet
    assert booking_request.safe_times == ""
    assert booking_request.may_name_practice


def test_the_acknowledgement_is_discreet(submit, mailoutbox, practice, therapist):
    submit(**DISCREET)

    [acknowledgement] = to_client(mailoutbox)
    assert_discreet(acknowledgement)
    assert acknowledgement.subject == "We have your message"
    assert LINK.search(acknowledgement.body)


def test_an_ordinary_acknowledgement_names_the_practice(submit, mailoutbox, practice):
    submit()

    [acknowledgement] = to_client(mailoutbox)
    assert acknowledgement.subject == "Calm Harbour Therapy: we have received your request"
    assert acknowledgement.from_email.startswith("Calm Harbour Therapy <")
    assert "988" in acknowledgement.body


def test_a_client_may_allow_the_practice_name_in_the_body_only(submit, mailoutbox, practice):
    submit(**DISCREET, may_name_practice="on")

    [acknowledgement] = to_client(mailoutbox)
    assert_discreet(acknowledgement, names_practice=True)


def test_a_neutral_address_of_the_practice_sends_and_receives_discreet_email(
    submit, mailoutbox, practice, settings
):
    settings.BOOKING_DISCREET_FROM_EMAIL = "desk@quiet-mail.example"

    submit(**DISCREET)

    [acknowledgement] = to_client(mailoutbox)
    assert acknowledgement.from_email == "Appointments <desk@quiet-mail.example>"
    assert acknowledgement.reply_to == ["desk@quiet-mail.example"]


def test_the_emails_about_a_new_address_are_discreet(client, submit, mailoutbox, practice):
    submit(**DISCREET)
    [acknowledgement] = to_client(mailoutbox)
    mailoutbox.clear()

    client.post(
        LINK.search(acknowledgement.body)[0] + "contact-details/",
        {"email": "sam.new@example.com", "phone": ""},
    )

    [new_link] = to_client(mailoutbox, "sam.new@example.com")
    [notice] = to_client(mailoutbox)
    assert_discreet(new_link)
    assert_discreet(notice)
    assert (new_link.subject, notice.subject) == ("Your new link", "A change to your details")


@pytest.fixture
def discreet_request(make_booking_request, practice, therapist):
    return make_booking_request(
        therapist=therapist,
        name="Sam Rivera",
        discreet=True,
        safe_times="After 6 pm",
        may_name_practice=False,
    )


def test_every_reply_template_follows_the_wish(discreet_request, practice):
    filled = [
        template.fill(discreet_request, practice.name) for template in ReplyTemplate.objects.all()
    ]

    assert len(filled) == 4
    for subject, body in filled:
        assert subject == "Following up on your message"
        assert not TELLTALE_WORDS.search(subject + body)
        assert "Calm Harbour" not in body
        assert "Reed" not in body
        assert "Morgan" in body


def test_a_reply_to_a_discreet_client_goes_out_discreetly(
    intake_client, discreet_request, mailoutbox, django_capture_on_commit_callbacks
):
    offer = ReplyTemplate.objects.get(name="Offer a consultation")
    page = f"/admin/booking/bookingrequest/{discreet_request.pk}/reply/"
    html = intake_client.get(page, {"template": offer.pk}).text
    [subject] = find_all(html, "input", name="subject")
    [body] = find_all(html, "textarea", name="body")

    with django_capture_on_commit_callbacks(execute=True):
        intake_client.post(
            page, {"template": offer.pk, "subject": subject.attrs["value"], "body": body.text}
        )

    [reply] = mailoutbox
    assert_discreet(reply)


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [
        ("subject", "Your therapy appointment", "“therapy”"),
        ("subject", "Calm Harbour Therapy", "“Therapy”, “Calm Harbour Therapy”"),
        ("body", "Morgan Reed would be glad to meet you.", "“Reed”"),
        ("body", "Our counselling room is upstairs.", "“counselling”"),
    ],
)
def test_intake_cannot_send_a_discreet_client_a_telltale_reply(
    intake_client, discreet_request, mailoutbox, field, text, found
):
    data = {"subject": "Hello", "body": "Would Tuesday suit you?", field: text}

    response = intake_client.post(
        f"/admin/booking/bookingrequest/{discreet_request.pk}/reply/", data
    )

    assert response.status_code == 200
    assert f"This client asked us to be discreet: please leave out {found}." in response.text
    assert not discreet_request.replies.exists()


def test_others_may_be_written_to_about_therapy(
    intake_client, make_booking_request, practice, django_capture_on_commit_callbacks
):
    booking_request = make_booking_request()

    with django_capture_on_commit_callbacks(execute=True):
        response = intake_client.post(
            f"/admin/booking/bookingrequest/{booking_request.pk}/reply/",
            {"subject": "Your therapy appointment", "body": "From Calm Harbour Therapy"},
        )

    assert response.status_code == 302
    assert booking_request.replies.exists()


@pytest.mark.parametrize("page", ["change/", "reply/"])
def test_intake_sees_the_clients_instructions(intake_client, discreet_request, page):
    html = intake_client.get(f"/admin/booking/bookingrequest/{discreet_request.pk}/{page}").text

    [banner] = find_all(html, "div", class_="discretion-banner")
    assert "Be discreet: this client asked for it" in banner.text
    assert "Safe times to call or text: After 6 pm." in banner.text
    assert "Do not name the practice" in banner.text
    assert "“Appointments”" in banner.text


def test_no_banner_for_an_ordinary_request(intake_client, make_booking_request):
    booking_request = make_booking_request()

    html = intake_client.get(f"/admin/booking/bookingrequest/{booking_request.pk}/change/").text

    assert not find_all(html, "div", class_="discretion-banner")


def test_the_inbox_flags_discreet_requests(intake_client, discreet_request, make_booking_request):
    make_booking_request(name="Robin Open")

    html = intake_client.get("/admin/booking/bookingrequest/").text

    assert [flag.text for flag in find_all(html, "strong", class_="discreet-flag")] == ["Discreet"]


def test_a_discreet_request_says_so_on_the_clients_own_page(client, discreet_request):
    discreet_request.new_link_key()
    discreet_request.save()

    html = client.get(urlsplit(link_to(discreet_request)).path).text

    assert "Yes, please be discreet. Safe times: After 6 pm." in html
    assert BookingRequest.objects.get().discreet
