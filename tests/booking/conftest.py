"""Fixtures for the booking tests: form data as a person would send it, and stored requests."""

import time
import uuid
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from booking.models import BookingRequest, LookingForOption
from booking.spam import FormToken
from practice.models import Therapist


def signed_token(seconds_ago=60):
    """A form token as served that long ago: a minute is how long a person takes."""
    return FormToken(uuid.uuid4(), time.time() - seconds_ago).sign()


@pytest.fixture
def looking_for(db):
    """An answer the data migration offers from the start."""
    return LookingForOption.objects.get(label="Individual therapy")


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
def make_booking_request(therapist, looking_for):
    """Store a request directly, as the form would have, with any fields overridden."""

    def make(**fields):
        fields.setdefault("therapist", therapist)
        fields.setdefault("name", "Sam Rivera")
        fields.setdefault("email", "sam@example.com")
        fields.setdefault("preferred_contact", BookingRequest.ContactMethod.EMAIL)
        fields.setdefault("looking_for", looking_for)
        fields.setdefault("session_format", BookingRequest.SessionFormat.EITHER)
        fields.setdefault("consent_at", timezone.now())
        fields.setdefault("privacy_notice_version", "2026-11-27")
        fields.setdefault("token", uuid.uuid4())
        fields.setdefault("client_hash", "0" * 64)
        return BookingRequest.objects.create(**fields)

    return make


@pytest.fixture
def roles(db):
    call_command("setup_roles", stdout=StringIO())


@pytest.fixture
def make_staff(roles):
    def make(username, group=None):
        user = User.objects.create_user(username, f"{username}@example.com", is_staff=True)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def intake_client(client, make_staff):
    """A browser signed in as a member of Intake."""
    client.force_login(make_staff("alex", "Intake"))
    return client


@pytest.fixture
def editor_client(client, make_staff):
    """A browser signed in as a member of Editors."""
    client.force_login(make_staff("eddie", "Editors"))
    return client
