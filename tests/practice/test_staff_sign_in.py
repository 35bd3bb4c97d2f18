"""Staff sign-in: a password, then a code from an authenticator app for whoever enrolled
one, which anyone who may read booking requests must; failed sign-ins lock an account or
an address for a while; a session ends after a working day away from the admin."""

from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.oath import totp

from tests.authenticator import current_code, enrol

PASSWORD = "a long password for the test"
SIGN_IN = "/admin/account/login/"
REQUESTS = "/admin/booking/bookingrequest/"


def give_password(client, username, password=PASSWORD, address="203.0.113.7", **headers):
    return client.post(
        f"{SIGN_IN}?next={REQUESTS}",
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
        REMOTE_ADDR=address,
        **headers,
    )


def give_code(client, code, step="token"):
    return client.post(
        f"{SIGN_IN}?next={REQUESTS}",
        {"login_view-current_step": step, f"{step}-otp_token": code},
    )


@pytest.fixture
def intake(make_user):
    return make_user("Intake", password=PASSWORD)


@pytest.fixture
def editor(make_user):
    return make_user("Editors", password=PASSWORD)


def asks_for_a_code(response):
    return response.status_code == 200 and 'name="token-otp_token"' in response.text


def test_intake_signs_in_with_the_password_then_a_code_from_the_app(client, intake):
    device = enrol(intake)

    after_password = give_password(client, intake.username)
    still_out = client.get(REQUESTS)
    response = give_code(client, current_code(device))

    assert asks_for_a_code(after_password)
    assert still_out.status_code == 302
    assert (response.status_code, response.url) == (302, REQUESTS)
    assert client.get(REQUESTS).status_code == 200


def test_a_wrong_code_is_refused(client, intake):
    device = enrol(intake)
    give_password(client, intake.username)

    response = give_code(client, current_code(device, steps_ahead=5))

    assert asks_for_a_code(response)
    assert "errorlist" in response.text
    assert client.get(REQUESTS).status_code == 302


def test_a_recovery_code_signs_in_once(client, intake):
    enrol(intake)
    recovery = intake.staticdevice_set.create(name="backup")
    recovery.token_set.create(token="abcd2345")

    give_password(client, intake.username)
    client.post(SIGN_IN, {"wizard_goto_step": "backup"})
    first = give_code(client, "abcd2345", step="backup")
    client.post("/admin/logout/")
    give_password(client, intake.username)
    client.post(SIGN_IN, {"wizard_goto_step": "backup"})
    second = give_code(client, "abcd2345", step="backup")

    assert (first.status_code, first.url) == (302, REQUESTS)
    assert second.status_code == 200
    assert client.get(REQUESTS).status_code == 302


def test_intake_without_an_app_is_sent_to_enrol_and_sees_no_request_until_done(
    client, intake, make_booking_request
):
    make_booking_request(name="Jordan Private")

    give_password(client, intake.username)
    refused = client.get(REQUESTS, follow=True)
    markdown = client.post("/admin/markdown/preview/", {"content": "hi"})
    client.post("/admin/account/two_factor/setup/", {"setup_view-current_step": "welcome"})
    key = b32decode(client.session["django_two_factor-qr_secret_key"])
    enrolled = client.post(
        "/admin/account/two_factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": totp(key)},
    )

    assert refused.redirect_chain[-1][0] == "/admin/account/two_factor/setup/"
    assert "Jordan Private" not in refused.text
    assert (markdown.status_code, list(markdown.json())) == (403, ["session"])
    assert enrolled.url == "/admin/account/two_factor/setup/complete/"
    assert "Jordan Private" in client.get(REQUESTS).text


def test_a_superuser_without_an_app_is_sent_to_enrol(client, make_user):
    superuser = make_user("superuser", password=PASSWORD)

    give_password(client, superuser.username)
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/admin/account/two_factor/setup/"


def test_until_enrolled_a_superuser_sees_no_unpublished_post(client, make_user, make_post):
    superuser = make_user("superuser", password=PASSWORD)
    draft = make_post("Draft", status="draft")

    give_password(client, superuser.username)

    assert client.get(f"/blog/{draft.slug}/preview/").status_code == 404


def test_an_editor_without_an_app_signs_in_with_the_password(client, editor):
    response = give_password(client, editor.username)

    assert response.status_code == 302
    assert client.get("/admin/blog/post/").status_code == 200


def test_an_editor_who_enrolled_must_give_a_code(client, editor):
    device = enrol(editor)

    after_password = give_password(client, editor.username)
    refused = client.get("/admin/blog/post/")
    give_code(client, current_code(device))

    assert asks_for_a_code(after_password)
    assert refused.status_code == 302
    assert client.get("/admin/blog/post/").status_code == 200


def test_five_wrong_passwords_lock_the_account_from_any_address(client, editor):
    for number in range(5):
        give_password(client, editor.username, "wrong", address=f"198.51.100.{number}")

    with time_machine.travel(timezone.now(), tick=False):
        locked = give_password(client, editor.username, address="192.0.2.99")
        try_again_at = timezone.localtime() + timedelta(minutes=15)

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert f"Try again after {try_again_at:%-I:%M} " in locked.text.replace("\n    ", " ")
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_address_for_any_account(client, editor, make_user):
    for number in range(5):
        give_password(client, f"guess-{number}", "wrong", address="198.51.100.1")

    from_there = give_password(client, editor.username, address="198.51.100.1")
    from_elsewhere = give_password(client, editor.username, address="198.51.100.2")

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(client, editor, settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    proxy = {"address": "10.0.0.1"}
    for number in range(5):
        give_password(
            client, f"guess-{number}", "wrong", **proxy, HTTP_X_FORWARDED_FOR="198.51.100.1"
        )

    locked = give_password(client, editor.username, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other_client = give_password(
        client, editor.username, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )

    assert locked.status_code == 429
    assert other_client.status_code == 302


def test_the_lockout_ends_after_fifteen_quiet_minutes(client, editor):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            give_password(client, editor.username, "wrong")
        traveller.shift(timedelta(minutes=14))
        still_locked = give_password(client, editor.username)
        # That refused try started the wait again.
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = give_password(client, editor.username)

    assert still_locked.status_code == 429
    assert response.status_code == 302


def test_a_failed_sign_in_keeps_no_password(client, editor):
    give_password(client, editor.username, "my-secret-guess")

    attempt = AccessAttempt.objects.get()
    assert "my-secret-guess" not in attempt.post_data


@pytest.fixture
def cache_on_the_test_clock(settings):
    """Sessions cached in memory: Redis expires them by its own clock, which
    time_machine cannot move."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.usefixtures("cache_on_the_test_clock")
def test_a_staff_session_ends_after_eight_hours_away_from_the_admin(client, log_in):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in("Intake")
        client.get(REQUESTS)
        traveller.shift(timedelta(hours=7))
        working = client.get(REQUESTS)
        traveller.shift(timedelta(hours=7))
        still_working = client.get(REQUESTS)
        traveller.shift(timedelta(hours=8, minutes=1))
        away = client.get(REQUESTS)

    assert working.status_code == still_working.status_code == 200
    assert away.status_code == 302


@pytest.mark.usefixtures("cache_on_the_test_clock")
def test_reading_the_public_site_neither_extends_nor_starts_a_session(client, log_in, practice):
    anonymous = client.get("/")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in("Editors")
        traveller.shift(timedelta(hours=7))
        reading = client.get("/")
        traveller.shift(timedelta(hours=1, minutes=1))
        away = client.get("/admin/")

    assert not anonymous.cookies
    assert not reading.cookies
    assert away.status_code == 302
