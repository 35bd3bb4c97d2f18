"""The privacy notice says what booking stores and for how long, from the live settings."""

import pytest

from tests.parsing import find_all

pytestmark = pytest.mark.django_db


def privacy_text(client):
    (main,) = find_all(client.get("/privacy/").text, "main")
    return main.text


def test_it_states_both_retention_periods_from_settings(client, settings):
    settings.BOOKING_RETENTION_DAYS = 400
    settings.BOOKING_SPAM_RETENTION_DAYS = 14

    text = privacy_text(client)

    assert "it is deleted 400 days later" in text
    assert "A request marked as spam is deleted 14 days after it was marked" in text


def test_it_shows_the_version_that_consent_records(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2031-01-15"

    assert "Version 2031-01-15" in privacy_text(client)


@pytest.mark.parametrize(
    "words",
    [
        "When you send the booking form, we store",
        "The address itself is not stored",
        "Who sees it: the therapist you asked for",
        "the booking form sets one cookie, csrftoken",
    ],
)
def test_it_says_what_booking_stores_and_who_sees_it(client, words):
    assert words in privacy_text(client)
