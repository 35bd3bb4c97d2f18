"""The private link in the acknowledgement: the client sees their request, corrects it,
changes how they may be reached, or withdraws it, with no account; a link that names no
request, for any reason, reveals nothing."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_tasks_db.models import DBTaskResult

from booking.client_link import link_to
from booking.models import BookingRequest, Reply, RequestView, StaffNote, Withdrawal

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/book/request/\S+/")


def link_in(message):
    """The path of the private link an email carries."""
    return urlsplit(LINK.search(message.body)[0]).path


@pytest.fixture
def sent(submit, mailoutbox):
    """A request sent through the form, and the path of the link its acknowledgement holds."""
    booking_request = submit(name="Sam Rivera", email="sam@example.com", note="Step-free access")
    [acknowledgement] = [message for message in mailoutbox if message.to == ["sam@example.com"]]
    return booking_request, link_in(acknowledgement)


def test_the_acknowledgement_carries_the_link_and_says_how_long_it_works(submit, mailoutbox):
    submit(email="sam@example.com")

    [acknowledgement] = [message for message in mailoutbox if message.to == ["sam@example.com"]]
    assert LINK.search(acknowledgement.body)
    assert "It works for 30 days" in acknowledgement.body


def test_the_link_shows_the_status_and_what_was_asked_for(client, sent, looking_for):
    _, link = sent

    response = client.get(link)

    assert response.status_code == 200
    page = response.text
    assert "Status: <strong>Received</strong>" in page
    assert looking_for.label in page
    assert "Step-free access" in page
    assert "sam@example.com" in page
    for action in ["contact-details/", "contact-wishes/", "withdraw/"]:
        assert f'href="{link}{action}"' in page


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (BookingRequest.Status.NEW, "Received"),
        (BookingRequest.Status.CONTACTED, "We have been in touch"),
        (BookingRequest.Status.CONSULTATION_SCHEDULED, "We have been in touch"),
        (BookingRequest.Status.CLOSED, "Closed"),
        (BookingRequest.Status.SPAM, "Received"),
    ],
)
def test_the_status_is_told_in_plain_words(client, sent, status, words):
    booking_request, link = sent
    BookingRequest.objects.filter(pk=booking_request.pk).update(status=status)

    assert f"Status: <strong>{words}</strong>" in client.get(link).text


@pytest.mark.parametrize("page", ["", "contact-details/", "contact-wishes/", "withdraw/"])
def test_pages_behind_the_link_are_private(client, sent, page):
    _, link = sent

    response = client.get(link + page)

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex">' in response.text
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def neutral(response):
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert "Referrer-Policy" in response
    assert response["Referrer-Policy"] == "no-referrer"
    return response.content


def test_every_link_that_names_no_request_gets_the_same_neutral_page(client, sent):
    booking_request, link = sent
    token = link.split("/")[-2]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    pages = {
        "tampered": neutral(client.get(f"/book/request/{tampered}/")),
        "guessed": neutral(client.get("/book/request/12/")),
        "unsigned key": neutral(client.get(f"/book/request/{booking_request.link_key}/")),
    }
    with time_machine.travel(timedelta(days=30, minutes=1)):
        pages["expired"] = neutral(client.get(link))
    client.post(link + "withdraw/")
    pages["withdrawn"] = neutral(client.get(link))

    assert len(set(pages.values())) == 1
    assert b"Sam" not in pages["expired"]


def test_the_link_works_until_its_thirtieth_day(client, sent):
    _, link = sent

    with time_machine.travel(timedelta(days=29, hours=23)):
        assert client.get(link).status_code == 200


def test_the_actions_refuse_a_bad_link_too(client, sent):
    booking_request, link = sent
    token = link.split("/")[-2]
    bad = f"/book/request/{token[:-2]}xx/"

    assert client.post(bad + "withdraw/").status_code == 404
    assert client.post(bad + "contact-details/", {"email": "eve@example.com"}).status_code == 404
    booking_request.refresh_from_db()
    assert booking_request.email == "sam@example.com"


def test_a_link_works_for_its_own_request_only(client, sent, make_booking_request):
    _, link = sent
    other = make_booking_request(name="Robin Other", email="robin@example.com")
    other.new_link_key()
    other.save()

    page = client.get(link).text
    client.post(link + "contact-details/", {"email": "sam@example.com", "phone": "555 123 4567"})

    assert "Robin" not in page
    assert "robin@example.com" not in page
    other.refresh_from_db()
    assert other.phone == ""
    assert "robin@example.com" in client.get(urlsplit(link_to(other)).path).text


def test_the_client_corrects_their_phone_number(client, sent):
    booking_request, link = sent

    response = client.post(
        link + "contact-details/", {"email": "sam@example.com", "phone": "(555) 123-4567"}
    )

    assert response.status_code == 302
    assert response.url == link
    booking_request.refresh_from_db()
    assert booking_request.phone == "5551234567"
    assert booking_request.changed_by_client_at is not None
    assert "your details are saved" in client.get(link).text


def test_a_mistyped_correction_is_refused_with_a_clear_error(client, sent):
    booking_request, link = sent

    response = client.post(link + "contact-details/", {"email": "sam@", "phone": "call me"})

    assert response.status_code == 200
    assert "Please enter an email address like name@example.com." in response.text
    assert "Please enter a phone number in digits" in response.text
    booking_request.refresh_from_db()
    assert booking_request.email == "sam@example.com"


def test_a_client_reached_by_phone_keeps_a_number(client, sent):
    booking_request, link = sent
    BookingRequest.objects.filter(pk=booking_request.pk).update(
        preferred_contact="phone", phone="5551234567"
    )

    response = client.post(link + "contact-details/", {"email": "sam@example.com", "phone": ""})

    assert response.status_code == 200
    assert "You asked us to call or text you, so we need a number." in response.text


def test_a_new_email_address_gets_a_new_link_and_the_old_one_a_notice_without_it(
    client, sent, mailoutbox
):
    _, old_link = sent
    mailoutbox.clear()

    response = client.post(
        old_link + "contact-details/", {"email": "sam.new@example.com", "phone": ""}
    )

    assert response.status_code == 302
    assert response.url == "/book/request/new-link-sent/"
    [new_link_email] = [m for m in mailoutbox if m.to == ["sam.new@example.com"]]
    [notice] = [m for m in mailoutbox if m.to == ["sam@example.com"]]
    new_link = link_in(new_link_email)
    assert new_link != old_link
    assert not LINK.search(notice.body)
    assert "has just been changed" in notice.body
    assert client.get(old_link).status_code == 404
    assert "sam.new@example.com" in client.get(new_link).text
    assert "new private link" in client.get(response.url).text


def test_replies_still_to_send_go_to_the_new_address(client, sent, mail_server_down):
    booking_request, link = sent
    reply = Reply.objects.create(
        booking_request=booking_request,
        to="sam@example.com",
        subject="Hello",
        body="Hi",
        state=Reply.State.FAILED,
    )

    client.post(link + "contact-details/", {"email": "sam.new@example.com", "phone": ""})

    reply.refresh_from_db()
    assert reply.to == "sam.new@example.com"


def test_when_the_new_link_cannot_be_sent_the_page_says_so(client, sent, mail_server_down):
    booking_request, link = sent

    response = client.post(link + "contact-details/", {"email": "sam.new@example.com"})

    assert response.url == "/book/request/new-link-not-sent/"
    booking_request.refresh_from_db()
    assert booking_request.email == "sam.new@example.com"


def test_the_client_changes_how_and_when_they_may_be_contacted(client, sent):
    booking_request, link = sent
    BookingRequest.objects.filter(pk=booking_request.pk).update(phone="5551234567")

    response = client.post(
        link + "contact-wishes/",
        {
            "preferred_contact": "phone",
            "voicemail_ok": "",
            "discreet": "on",
            "safe_times": "Weekdays 9 to 3",
        },
    )

    assert response.status_code == 302
    booking_request.refresh_from_db()
    assert booking_request.preferred_contact == "phone"
    assert booking_request.discreet
    assert booking_request.safe_times == "Weekdays 9 to 3"
    assert not booking_request.may_name_practice
    assert not booking_request.voicemail_ok
    assert booking_request.changed_by_client_at is not None


def test_calls_need_a_number_on_file(client, sent):
    booking_request, link = sent

    response = client.post(link + "contact-wishes/", {"preferred_contact": "text"})

    assert response.status_code == 200
    assert "We have no phone number for you." in response.text
    booking_request.refresh_from_db()
    assert booking_request.preferred_contact == "email"


def test_withdrawing_asks_first(client, sent):
    booking_request, link = sent

    page = client.get(link + "withdraw/").text

    assert "Withdraw and delete my request" in page
    assert BookingRequest.objects.filter(pk=booking_request.pk).exists()


def test_withdrawal_deletes_the_request_and_all_attached_to_it(
    client, sent, intake_client, django_user_model
):
    booking_request, link = sent
    staff = django_user_model.objects.get(username="alex")
    StaffNote.objects.create(booking_request=booking_request, author=staff, text="Called once")
    RequestView.objects.create(booking_request=booking_request, viewer=staff)
    Reply.objects.create(
        booking_request=booking_request, to="sam@example.com", subject="S", body="B"
    )
    LogEntry.objects.log_actions(
        staff.pk, [booking_request], CHANGE, change_message="Status changed.", single_object=True
    )
    number, received = booking_request.pk, booking_request.created_at

    response = client.post(link + "withdraw/")

    assert response.status_code == 302
    assert "Your request is withdrawn" in client.get(response.url).text
    assert not BookingRequest.objects.exists()
    assert not StaffNote.objects.exists()
    assert not RequestView.objects.exists()
    assert not Reply.objects.exists()
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(BookingRequest), object_id=str(number)
    ).exists()
    [withdrawal] = Withdrawal.objects.values()
    assert set(withdrawal) == {"id", "request_number", "received_at", "withdrawn_at"}
    assert (withdrawal["request_number"], withdrawal["received_at"]) == (number, received)


@pytest.mark.django_db(transaction=True)
def test_withdrawal_leaves_no_email_in_the_queue(
    client, booking_data, settings, mailoutbox, run_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.post("/book/", booking_data())
    booking_request = BookingRequest.objects.get()
    booking_request.new_link_key()
    booking_request.save()
    assert DBTaskResult.objects.ready().count() == 1

    client.post(urlsplit(link_to(booking_request)).path + "withdraw/")
    run_worker()

    assert not DBTaskResult.objects.exists()
    assert mailoutbox == []


def test_intake_following_a_withdrawn_request_is_told_it_was_withdrawn(client, sent, intake_client):
    booking_request, link = sent
    client.post(link + "withdraw/")

    response = intake_client.get(
        f"/admin/booking/bookingrequest/{booking_request.pk}/change/", follow=True
    )

    assert f"Request {booking_request.pk} was withdrawn by the client" in response.text
    assert "Sam" not in response.text


def test_no_page_behind_the_link_repeats_its_address(client, sent):
    _, link = sent

    for path in [link, link + "withdraw/", "/book/request/forged/"]:
        html = client.get(path).text
        assert "canonical" not in html
        assert "og:url" not in html


def test_the_forms_behind_the_link_work_as_browsers_send_them(sent):
    """With `Referrer-Policy: no-referrer` a browser posts `Origin: null` and no token: the
    secret address is what authorises the change."""
    booking_request, link = sent
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        link + "contact-details/",
        {"email": "sam@example.com", "phone": "555 765 4321"},
        headers={"Origin": "null"},
    )

    assert response.status_code == 302
    booking_request.refresh_from_db()
    assert booking_request.phone == "5557654321"
    assert "csrftoken" not in browser.cookies
