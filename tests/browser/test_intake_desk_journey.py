"""The intake desk, as a new user would try it: with the mail server down a client is
thanked at once; once it is back the practice hears; Intake signs in with a code from an
authenticator app, finds the request flagged overdue, and answers it from a template."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from booking.models import BookingRequest, Reply

from .conftest import DESKTOP

pytestmark = pytest.mark.browser


@pytest.fixture
def no_minimum_fill_time(monkeypatch):
    """A test types faster than a person; the timing check would take it for a script."""
    monkeypatch.setattr("booking.spam.MIN_FILL_SECONDS", 0)


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in the database for the worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_request_sent_while_mail_is_down_is_answered_from_the_desk(
    page,
    sign_in,
    demo_content,
    no_minimum_fill_time,
    queued_tasks,
    mail_server_down,
    run_worker,
    mailoutbox,
    assert_accessible,
):
    page.goto("/book/")
    page.get_by_label("What should we call you?").fill("Sam Rivera")
    page.get_by_role("textbox", name="Email address").fill("sam@example.com")
    page.locator("[name=looking_for]").first.check()
    page.locator("#id_consent").check()
    started = time.monotonic()
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    assert time.monotonic() - started < 2
    assert mailoutbox == []

    # The mail server is back; the worker sends what waited.
    mail_server_down.undo()
    run_worker()
    assert mailoutbox[0].subject == "A new request is waiting"
    request = BookingRequest.objects.get()
    assert request.notification_state == BookingRequest.NotificationState.SENT
    BookingRequest.objects.update(created_at=timezone.now() - timedelta(days=7))

    page.set_viewport_size(DESKTOP)
    sign_in("Intake")
    page.get_by_role("link", name="1 overdue").click()
    row = page.locator("#result_list tbody tr").filter(has_text="Sam Rivera")
    expect(row.locator(".overdue")).to_have_text("Overdue")
    assert_accessible(page)
    row.get_by_role("link", name="Sam Rivera").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Rivera")
    expect(page.get_by_role("link", name="sam@example.com")).to_have_attribute(
        "href", "mailto:sam@example.com"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Reply by email").click()
    page.get_by_label("Start from").select_option(label="Offer a consultation")
    page.get_by_role("button", name="Use this template").click()
    expect(page.get_by_label("Message")).to_have_value(re.compile(r"^Dear Sam,"))
    assert_accessible(page)
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".messagelist")).to_contain_text("on its way")

    run_worker()
    page.reload()
    replies = page.locator("ol.replies")
    expect(replies).to_contain_text("Offer a consultation · Sent")
    expect(page.get_by_label("Status")).to_have_value("contacted")
    expect(page.locator(".field-history")).to_contain_text(
        "Replied by email (Offer a consultation); status to “Contacted”."
    )
    [reply] = Reply.objects.all()
    assert mailoutbox[-1].to == ["sam@example.com"]
    assert mailoutbox[-1].body == reply.body
