"""The privacy notice says what booking stores and for how long, from the live settings, and
its version changes whenever its text does: a request records the version it agreed to,
and that version's text is kept."""

import pytest
from django.urls import reverse

from booking.models import BookingRequest
from practice.models import Page, PrivacyNoticeVersion
from tests.parsing import find_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Settings change only with a release, whose `migrate` has every public page rendered
    afresh; these tests change them between two requests, so no page is kept."""
    settings.PAGE_CACHE_SECONDS = 0


def privacy_text(client):
    (main,) = find_all(client.get("/privacy/").text, "main")
    return main.text


def shown_version(client):
    text = privacy_text(client)
    return text.split("Version ", 1)[1].split(",", 1)[0]


def test_it_states_both_retention_periods_from_settings(client, settings):
    settings.BOOKING_RETENTION_DAYS = 400
    settings.BOOKING_SPAM_RETENTION_DAYS = 14

    text = privacy_text(client)

    assert "it is deleted 400 days later" in text
    assert "A request marked as spam is deleted 14 days after it was marked" in text


def test_it_states_how_long_a_waitlist_address_is_kept_from_settings(client, settings):
    settings.BOOKING_WAITLIST_RETENTION_DAYS = 200

    text = privacy_text(client)

    assert (
        "your address is deleted as soon as the email saying the therapist has space has gone, "
        "or when you use the link to leave the list, and in any case 200 days after you left it"
    ) in text


@pytest.mark.parametrize(
    "words",
    [
        "When you send the booking form, we store",
        "The address itself is not stored",
        "Who sees it: the therapist you asked for",
        "the booking form sets one cookie, csrftoken",
        "you may leave your email address on their booking page to be told when they are",
        # The practice's own words, from its page.
        "You may ask what we hold about you",
    ],
)
def test_it_says_what_booking_stores_and_who_sees_it(client, words):
    assert words in privacy_text(client)


def test_it_says_what_the_practice_email_holds_as_the_setting_has_it(client, settings):
    assert "saying that a request is waiting, which names nobody" in privacy_text(client)

    settings.BOOKING_NOTIFICATION_NAMES_CLIENT = True

    assert "with your name and how you would like to be contacted" in privacy_text(client)


def test_it_tells_the_client_of_their_private_link_and_withdrawal(client, settings):
    settings.BOOKING_CLIENT_LINK_DAYS = 21

    text = privacy_text(client)

    assert "or withdraw your request, for 21 days and without an account" in text
    assert "Withdrawing deletes your request at once" in text
    assert "nothing about that check is stored" in text


def test_a_request_records_the_version_the_page_shows(client, booking_data):
    version = shown_version(client)

    client.post("/book/", booking_data())

    assert BookingRequest.objects.get().privacy_notice_version == version


def test_an_edit_to_the_practices_words_makes_a_new_version(client, booking_data):
    before = shown_version(client)
    page = Page.objects.get(purpose=Page.Purpose.PRIVACY)
    page.body += "\nWe also keep a paper diary of appointments.\n"
    page.save()

    after = shown_version(client)
    client.post("/book/", booking_data())

    assert after != before
    assert BookingRequest.objects.get().privacy_notice_version == after


def test_a_change_of_retention_period_makes_a_new_version(client, settings):
    before = shown_version(client)
    settings.BOOKING_RETENTION_DAYS = 180

    assert shown_version(client) != before


def test_each_versions_text_is_kept_word_for_word(client, settings):
    first = shown_version(client)
    settings.BOOKING_RETENTION_DAYS = 180
    second = shown_version(client)

    kept = {version.version: version.text_html for version in PrivacyNoticeVersion.objects.all()}
    assert set(kept) == {first, second}
    assert "deleted 365 days later" in kept[first]
    assert "deleted 180 days later" in kept[second]


def test_intake_reads_the_words_a_request_agreed_to(client, booking_data, log_in):
    client.post("/book/", booking_data())
    booking_request = BookingRequest.objects.get()
    log_in("Intake")

    page = reverse("admin:booking_bookingrequest_change", args=[booking_request.pk])
    links = find_all(client.get(page).text, "a")
    [link] = [link for link in links if link.text == booking_request.privacy_notice_version]
    notice = client.get(link.attrs["href"]).text

    assert "/admin/practice/privacynoticeversion/" in link.attrs["href"]
    assert "When you send the booking form, we store" in notice
