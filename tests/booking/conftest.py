"""Fixtures for the booking tests: form data as a person would send it, and signed-in staff."""

import time
import uuid

import pytest

from booking.models import BookingRequest, WaitlistEntry
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
def submit(client, booking_data, django_capture_on_commit_callbacks):
    """Send the form as a person would, running what waits for the transaction's commit."""

    def send(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/book/", booking_data(**changes))
        assert response.status_code == 302
        return BookingRequest.objects.latest("pk")

    return send


@pytest.fixture
def closed_therapist(therapist):
    """The default therapist, not taking new clients."""
    therapist.accepting_new_clients = False
    therapist.save()
    return therapist


@pytest.fixture
def make_waitlist_entry(closed_therapist):
    """An address waiting for the closed therapist (or another), as joining stores it."""

    def make(email="sam@example.com", **fields):
        fields.setdefault("therapist", closed_therapist)
        return WaitlistEntry.objects.create(email=email, client_hash="0" * 64, **fields)

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
