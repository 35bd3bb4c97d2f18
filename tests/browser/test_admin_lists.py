"""The post, page and request lists fit a 1280 px screen: no column is cut off or scrolled
away."""

import uuid

import pytest
from django.utils import timezone

from booking.models import BookingRequest, LookingForOption
from practice.models import Therapist

from .conftest import DESKTOP

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("role", "path", "columns"),
    [
        (
            "Editors",
            "/admin/blog/post/",
            ["Title", "Status", "Publish time", "Category", "Updated"],
        ),
        (
            "Editors",
            "/admin/practice/page/",
            ["Title", "Status", "Place in the main navigation", "Purpose", "Updated"],
        ),
        (
            "Intake",
            "/admin/booking/bookingrequest/",
            ["Received", "Waited", "Name", "Preferred contact", "Status", "Assigned to"],
        ),
    ],
    ids=["posts", "pages", "booking requests"],
)
def test_the_list_fits_a_laptop_screen(page, sign_in, demo_content, role, path, columns):
    BookingRequest.objects.create(
        therapist=Therapist.objects.get(slug="morgan"),
        name="Taylor Morgan-Smith",
        email="taylor@example.com",
        preferred_contact=BookingRequest.ContactMethod.TEXT,
        looking_for=LookingForOption.objects.first(),
        session_format=BookingRequest.SessionFormat.EITHER,
        status=BookingRequest.Status.CONSULTATION_SCHEDULED,
        consent_at=timezone.now(),
        privacy_notice_version="2026-11-27",
        token=uuid.uuid4(),
        client_hash="0" * 64,
    )
    page.set_viewport_size(DESKTOP)
    sign_in(role)

    page.goto(path)

    headers = page.locator("#result_list thead th .text").all_inner_texts()
    assert [header.strip().lower() for header in headers[1:]] == [c.lower() for c in columns]
    results = page.locator(".results")
    assert results.evaluate("box => box.scrollWidth <= box.clientWidth")
    last_header = page.locator("#result_list thead th").last.bounding_box()
    assert last_header["x"] + last_header["width"] <= DESKTOP["width"]
