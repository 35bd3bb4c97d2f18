"""Whatever arrives, the form answers with a page, never a server error, and stores only valid
requests. Hypothesis throws random unicode, huge, empty and malformed values at every field."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from booking.forms import BookingRequestForm
from booking.models import BookingRequest

FIELDS = list(BookingRequestForm.base_fields)

MALFORMED = [
    "\x00",
    "NUL\x00inside",
    "\u202e\u2028\ufeff",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00%ff",
    "1e309",
    "-1",
    "99999999999999999999999999",
    "[]",
    "{}",
]

one_value = st.one_of(
    st.text(),
    st.text(min_size=1_000, max_size=20_000),
    st.just(""),
    st.sampled_from(MALFORMED),
    st.binary(max_size=64).map(lambda raw: raw.decode("latin-1")),
    st.integers().map(str),
)
# A list posts the field several times, as a tampered form or a script might.
field_value = st.one_of(one_value, st.lists(one_value, min_size=2, max_size=4))


def listed(value):
    return value if isinstance(value, list) else [value]


@pytest.mark.usefixtures("therapist")
@hypothesis_settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), field_value, min_size=1))
def test_any_value_in_any_field_gets_a_page_and_stores_only_valid_requests(
    client, booking_data, settings, changes
):
    settings.BOOKING_RATE_LIMIT = 0
    stored_before = BookingRequest.objects.count()

    response = client.post("/book/", booking_data(**changes))

    stored = BookingRequest.objects.count() - stored_before
    sent_nul = any("\x00" in value for values in changes.values() for value in listed(values))
    if sent_nul:
        # PostgreSQL cannot store it, and no browser sends it: refused whole.
        assert (response.status_code, stored) == (400, 0)
    elif response.status_code == 200:
        assert response.context["form"].errors
        assert stored == 0
    else:
        assert (response.status_code, response.url, stored) == (302, "/book/thanks/", 1)


@pytest.mark.usefixtures("therapist")
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"name=%ff%fe%fd&email=%e0%80%80&consent=on", "application/x-www-form-urlencoded"),
        (b"\xff\xfe\x00garbage", "application/x-www-form-urlencoded"),
        (b"--x\r\nContent-Disposition: form-data\r\n\r\n", "multipart/form-data; boundary=x"),
        (b"not multipart at all", "multipart/form-data"),
        (b'{"name": "Sam"}', "application/json"),
    ],
    ids=["bad utf-8", "binary", "broken multipart", "multipart without boundary", "json"],
)
def test_a_malformed_body_is_answered_without_a_server_error(client, body, content_type):
    response = client.post("/book/", body, content_type=content_type)

    assert response.status_code in {200, 400}
    assert not BookingRequest.objects.exists()
