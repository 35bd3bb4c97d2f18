"""Booking requests are never kept in revision history: the retention purge must be able
to delete every copy of what a person sent."""

import reversion
from django.apps import apps
from django.contrib import admin
from reversion.admin import VersionAdmin
from reversion.models import Version

from booking.models import BookingRequest

Status = BookingRequest.Status


def test_no_booking_model_is_registered_for_revisions():
    models = list(apps.get_app_config("booking").get_models())

    assert [model for model in models if reversion.is_registered(model)] == []
    assert [
        model
        for model in models
        if admin.site.is_registered(model)
        and isinstance(admin.site.get_model_admin(model), VersionAdmin)
    ] == []


def test_following_a_request_up_in_admin_keeps_no_revision_of_it(
    intake_client, make_booking_request
):
    booking_request = make_booking_request(name="Sam Rivera", email="sam@example.com")
    url = f"/admin/booking/bookingrequest/{booking_request.pk}/change/"

    response = intake_client.post(
        url,
        {
            "status": Status.CONTACTED,
            "closed_reason": "",
            "assigned_to": "",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": "Called Sam back.",
        },
    )
    intake_client.post(
        "/admin/booking/bookingrequest/",
        {
            "action": "close",
            "closed_reason": BookingRequest.ClosedReason.values[0],
            "_selected_action": [booking_request.pk],
        },
    )

    assert response.status_code == 302
    booking_request.refresh_from_db()
    assert booking_request.status == Status.CLOSED
    assert not Version.objects.filter(content_type__app_label="booking").exists()
    assert not Version.objects.filter(serialized_data__contains="Sam").exists()


def test_a_requests_page_keeps_nothing_in_the_staff_browser(intake_client, make_booking_request):
    """The editors' forms keep unsaved text in the browser; a request's page must not, since
    what a person sent would then outlive the retention purge on a staff computer."""
    booking_request = make_booking_request(name="Sam Rivera", email="sam@example.com")

    html = intake_client.get(f"/admin/booking/bookingrequest/{booking_request.pk}/change/").text

    assert "unsaved-edits.js" not in html
    assert "markdown-editor.js" not in html
