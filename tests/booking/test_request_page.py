"""A request's page: the person's name as its heading, how to reach them within what they
allowed, the staff's notes before the follow-up, and a record of who opened it."""

import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from booking.models import BookingRequest, RequestView, StaffNote
from tests.parsing import find_all

Status = BookingRequest.Status


def page_of(booking_request):
    return f"/admin/booking/bookingrequest/{booking_request.pk}/change/"


@pytest.fixture
def sam(make_booking_request):
    return make_booking_request(
        name="Sam Rivera",
        email="sam@example.com",
        phone="5550102030",
        preferred_contact=BookingRequest.ContactMethod.PHONE,
    )


def links(html):
    return {link.attrs["href"]: link.text for link in find_all(html, "a") if "href" in link.attrs}


def test_the_heading_is_the_persons_name_and_the_title_keeps_it_private(intake_client, sam):
    html = intake_client.get(page_of(sam)).text

    [heading] = find_all(html, "h1")
    [title] = find_all(html, "title")
    assert heading.text == "Sam Rivera"
    assert "Sam" not in title.text
    assert str(sam) == f"Booking request {sam.pk}"


def test_email_and_phone_are_links_and_the_phone_reads_as_a_phone_number(intake_client, sam):
    sam.texts_ok = sam.voicemail_ok = True
    sam.save()

    html = intake_client.get(page_of(sam)).text

    [reach] = find_all(html, "ul", class_="how-to-reach")
    assert links(html)["mailto:sam@example.com"] == "sam@example.com"
    assert links(html)["tel:+15550102030"] == "(555) 010-2030"
    assert links(html)["sms:+15550102030"] == "send a text"
    assert "Prefers Phone call" in reach.text
    assert "Voicemail OK" in reach.text


def test_no_text_link_when_texts_are_not_ok_and_a_plain_no_voicemail(intake_client, sam):
    html = intake_client.get(page_of(sam)).text

    [reach] = find_all(html, "ul", class_="how-to-reach")
    assert not any(href.startswith("sms:") for href in links(html))
    assert "No texts" in reach.text
    assert "No voicemail" in reach.text


def test_an_international_number_is_shown_in_its_international_form(
    intake_client, make_booking_request
):
    booking_request = make_booking_request(phone="+442079460958")

    html = intake_client.get(page_of(booking_request)).text

    assert links(html)["tel:+442079460958"] == "+44 20 7946 0958"


def test_what_they_sent_then_notes_then_follow_up_with_the_notification_folded(intake_client, sam):
    StaffNote.objects.create(booking_request=sam, text="Called; no answer.")

    html = intake_client.get(page_of(sam)).text

    headings = [
        heading for heading in find_all(html, "h2") if heading.is_inside("div", id="content-main")
    ]
    order = [
        "What they sent",
        "Staff notes",
        "Follow-up",
        "History",
        "Notification to the practice",
    ]
    assert [heading.text for heading in headings if heading.text in order] == order
    folded = [heading.text for heading in headings if heading.is_inside("details")]
    assert folded == ["Notification to the practice"]


def test_opening_the_page_is_recorded_with_who_and_when(intake_client, sam):
    intake_client.get(page_of(sam))
    intake_client.get(page_of(sam))

    views = RequestView.objects.filter(booking_request=sam)
    assert views.count() == 2
    assert {view.viewer.username for view in views} == {"alex"}
    assert all(timezone.now() - view.viewed_at < timedelta(minutes=1) for view in views)
    html = intake_client.get(page_of(sam)).text
    [opened] = find_all(html, "div", class_="form-row field-opened_by")
    assert opened.text.count("alex") == 3


def test_saving_the_follow_up_is_not_an_opening(intake_client, sam):
    intake_client.post(
        page_of(sam),
        {
            "status": Status.CONTACTED,
            "closed_reason": "",
            "assigned_to": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )

    assert RequestView.objects.count() == 0
    sam.refresh_from_db()
    assert sam.status == Status.CONTACTED


def test_staff_who_may_not_see_requests_leave_no_record(client, log_in, sam):
    log_in("Editors")

    assert client.get(page_of(sam)).status_code == 403
    assert RequestView.objects.count() == 0


def test_the_record_of_openings_goes_with_the_request(intake_client, sam):
    intake_client.get(page_of(sam))
    sam.set_status(Status.CLOSED, BookingRequest.ClosedReason.NO_RESPONSE)
    sam.save()
    BookingRequest.objects.filter(pk=sam.pk).update(
        status_changed_at=timezone.now() - timedelta(days=400)
    )

    call_command("purge_booking_requests", stdout=io.StringIO())

    assert not BookingRequest.objects.exists()
    assert not RequestView.objects.exists()
    assert not LogEntry.objects.filter(change_message__contains="Sam").exists()
