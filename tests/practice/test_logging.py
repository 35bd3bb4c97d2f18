"""Log lines carry no client's address, and a client's odd request makes one short line."""

import logging

import pytest

from practice.logging import BriefSecurityEvents, without_addresses


@pytest.mark.parametrize(
    ("message", "logged"),
    [
        ("Invalid request from ip=198.51.100.7: bad", "Invalid request from ip=[address]: bad"),
        ("from 198.51.100.7:54321 closed", "from [address]:54321 closed"),
        ("client 2001:db8::8a2e:370:7334 left", "client [address] left"),
        ("peer ::ffff:203.0.113.9 reset", "peer [address] reset"),
        ("loopback ::1.", "loopback [address]."),
        # Times, versions and counts are not addresses.
        ("done at 12:30:45 in 3.13.0, 1.5 s", "done at 12:30:45 in 3.13.0, 1.5 s"),
        ("Booking request 12: sent", "Booking request 12: sent"),
    ],
)
def test_addresses_are_hidden_and_nothing_else(message, logged):
    assert without_addresses(message) == logged


def security_record(message, level=logging.ERROR):
    try:
        raise ValueError("the traceback")
    except ValueError as error:
        exc_info = (type(error), error, error.__traceback__)
    return logging.LogRecord(
        "django.security.DisallowedHost", level, __file__, 1, message, (), exc_info
    )


def test_a_security_event_is_one_short_warning_without_traceback():
    record = security_record("Invalid HTTP_HOST header: '%s'. You may need…" % ("h" * 5000))

    assert BriefSecurityEvents().filter(record)

    assert (record.levelno, record.levelname) == (logging.WARNING, "WARNING")
    assert len(record.getMessage()) == 200
    assert record.getMessage().startswith("Invalid HTTP_HOST header: 'hhh")
    assert record.exc_info is None


def test_other_records_pass_unchanged():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x" * 500, (), None)

    BriefSecurityEvents().filter(record)

    assert (record.levelno, record.getMessage()) == (logging.ERROR, "x" * 500)
