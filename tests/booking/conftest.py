"""Fixtures for the booking tests: form data as a person would send it, and signed-in staff."""

import signal
import time
import uuid
from io import StringIO

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from booking.spam import FormToken
from practice.models import Therapist


def signed_token(seconds_ago=60):
    """A form token as served that long ago: a minute is how long a person takes."""
    return FormToken(uuid.uuid4(), time.time() - seconds_ago).sign()


@pytest.fixture
def other_therapist(db):
    return Therapist.objects.create(
        name="Riley", slug="riley", notification_email="riley@example.com", position=5
    )


@pytest.fixture
def booking_data(therapist, looking_for):
    """Valid form data, each call with a fresh token; a value of None leaves that field out."""

    def make(**overrides):
        data = {
            "name": "Sam Rivera",
            "email": "sam@example.com",
            "phone": "",
            "preferred_contact": "email",
            "looking_for": str(looking_for.pk),
            "session_format": "online",
            "availability": ["weekday_evenings"],
            "note": "",
            "consent": "on",
            "website": "",
            "form_token": signed_token(),
            **overrides,
        }
        return {name: value for name, value in data.items() if value is not None}

    return make


@pytest.fixture
def intake_client(client, log_in):
    """A browser signed in as a member of Intake."""
    log_in("Intake", "alex")
    return client


@pytest.fixture
def editor_client(client, log_in):
    """A browser signed in as a member of Editors."""
    log_in("Editors", "eddie")
    return client


@pytest.fixture
def mail_server_down(monkeypatch):
    """Every email fails as it would with the mail server refusing connections."""

    def refuse(backend, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    return monkeypatch


WORKER_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


@pytest.fixture
def run_worker():
    """Run the queue's worker until the queue is empty, as `manage.py db_worker --batch`
    does, then give the test run back the signal handlers the worker took over."""
    handlers = {number: signal.getsignal(number) for number in WORKER_SIGNALS}

    def run():
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=StringIO())

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)
