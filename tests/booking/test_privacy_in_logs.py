"""Nothing a client writes reaches a log line, even when mail fails and is retried."""

import json
import logging
import sys
from io import StringIO

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command

from practice.logging import JSONFormatter

CLIENT = {
    "name": "Zephyrine Quill",
    "email": "zephyrine.quill@example.org",
    "phone": "+44 7700 900123",
    "note": "Mornings are hard since the accident",
}
# What could give the client away, as stored and as typed.
PERSONAL_DATA = [*CLIENT.values(), "447700900123", "Zephyrine", "zephyrine.quill"]


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(backend, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def test_a_failed_request_and_its_retry_log_no_personal_data(
    client, booking_data, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.INFO):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/book/", booking_data(**CLIENT))
        with pytest.raises(CommandError):
            call_command("send_booking_notifications", stdout=StringIO())

    assert response.status_code == 302
    lines = [JSONFormatter().format(record) for record in caplog.records]
    assert len(lines) >= 2, "both mail failures are logged"
    for line in lines:
        assert json.loads(line)["level"] in {"INFO", "WARNING", "ERROR"}
        for personal in PERSONAL_DATA:
            assert personal.lower() not in line.lower(), line


def test_log_lines_are_single_json_objects():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "booking", logging.ERROR, __file__, 1, "Request %s failed", (7,), sys.exc_info()
        )

    line = JSONFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "ERROR",
        "booking",
        "Request 7 failed",
    )
    assert "ValueError: boom" in entry["exception"]
