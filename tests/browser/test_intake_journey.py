"""A member of Intake follows up a new request in the admin."""

import pytest
from playwright.sync_api import expect

from booking.models import BookingRequest

pytestmark = pytest.mark.browser


def test_intake_marks_a_request_contacted_and_adds_a_note(
    page, sign_in, transactional_db, make_booking_request
):
    booking_request = make_booking_request(name="Sam Rivera")
    member = sign_in("Intake")

    page.get_by_role("link", name="1 new booking request").click()
    page.get_by_role("link", name="Sam Rivera").click()
    page.get_by_label("Status").select_option(label="Contacted")
    page.locator("#id_notes-0-text").fill("Left a voicemail; will try again Friday.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    booking_request.refresh_from_db()
    assert booking_request.status == BookingRequest.Status.CONTACTED
    [note] = booking_request.notes.all()
    assert (note.author, note.text) == (member, "Left a voicemail; will try again Friday.")
    page.goto(f"/admin/booking/bookingrequest/{booking_request.pk}/change/")
    expect(page.locator("body")).to_contain_text("Changed status to “Contacted”")
