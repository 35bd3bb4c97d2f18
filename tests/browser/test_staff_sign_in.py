"""Intake signs in with a code from an authenticator app, or enrols one on first sign-in;
both pages pass axe."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.authenticator import current_code, enrol

pytestmark = pytest.mark.browser

PASSWORD = "a long password for the browser"


def give_password(page, user):
    page.goto("/admin/booking/bookingrequest/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Next").click()


def test_intake_signs_in_with_a_code_and_reaches_the_requests(
    page, make_user, make_booking_request, assert_accessible, transactional_db
):
    make_booking_request(name="Sam Rivera")
    member = make_user("Intake", password=PASSWORD)
    device = enrol(member)

    give_password(page, member)
    expect(page.get_by_label("Code from your app")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Code from your app").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/admin/booking/bookingrequest/$"))
    expect(page.get_by_role("link", name="Sam Rivera")).to_be_visible()


def test_intake_without_an_app_enrols_one_first(
    page, make_user, make_booking_request, assert_accessible, transactional_db
):
    make_booking_request(name="Sam Rivera")
    member = make_user("Intake", password=PASSWORD)

    give_password(page, member)
    expect(page.get_by_role("heading", name="Enable Two-Factor Authentication")).to_be_visible()
    expect(page.get_by_text("Sam Rivera")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Next").click()
    qr_code = page.get_by_role("img", name="QR Code")
    expect(qr_code).to_be_visible()
    assert_accessible(page)
    secret = page.get_by_role("link", name=re.compile(r"^[A-Z2-7]{32}$")).text_content()
    page.get_by_label("Token").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Your authenticator app is set up")).to_be_visible()
    assert_accessible(page)
    page.goto("/admin/booking/bookingrequest/")
    expect(page.get_by_role("link", name="Sam Rivera")).to_be_visible()
