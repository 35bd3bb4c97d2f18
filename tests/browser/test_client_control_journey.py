"""A client who shares a mailbox asks for discretion, then, from the link in the
acknowledgement, corrects their phone number and withdraws: nothing is left, and no email
on the way said who wrote or what about."""

import re

import pytest
from playwright.sync_api import expect

from booking.discretion import TELLTALE_WORDS
from booking.models import BookingRequest, Withdrawal
from practice.models import Practice

pytestmark = pytest.mark.browser
LINK = re.compile(r"https?://\S+(/book/request/\S+/)")


def test_a_discreet_client_corrects_their_phone_then_withdraws(
    page, demo_content, mailoutbox, monkeypatch, assert_accessible, sign_in
):
    monkeypatch.setattr("booking.spam.MIN_FILL_SECONDS", 0)
    practice_name = Practice.get_solo().name
    page.goto("/book/")
    page.get_by_label("What should we call you?").fill("Sam Rivera")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_label("Phone number").fill("555 123 4567")
    page.get_by_label("Phone call").check()
    page.get_by_label("Please be discreet when contacting me").check()
    page.get_by_label("Safe times to call or text").fill("Weekdays 9 to 3")
    page.locator("[name=looking_for]").first.check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/book/thanks/$"))

    [acknowledgement] = [m for m in mailoutbox if m.to == ["sam@example.com"]]
    page.goto(LINK.search(acknowledgement.body)[1])
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request")
    expect(page.locator("main")).to_contain_text("Status: Received")
    assert_accessible(page)

    page.get_by_role("link", name="Correct your email or phone").click()
    assert_accessible(page)
    page.get_by_label("Phone number").fill("555 765 4321")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main").get_by_role("status")).to_have_text(
        "Thank you: your details are saved."
    )
    expect(page.locator("main")).to_contain_text("(555) 765-4321")
    assert BookingRequest.objects.get().phone == "5557654321"

    page.get_by_role("link", name="Withdraw your request").click()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw and delete my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request is withdrawn")
    assert not BookingRequest.objects.exists()
    assert Withdrawal.objects.count() == 1

    sign_in("Intake")
    page.goto("/admin/booking/bookingrequest/?status=all")
    expect(page.locator("#result_list")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Sam Rivera")

    for message in mailoutbox:
        seen = f"{message.from_email}\n{message.subject}\n{message.body}"
        assert "Sam" not in seen
        if message.to == ["sam@example.com"]:
            assert practice_name not in seen
            assert not TELLTALE_WORDS.search(seen)
