"""Fixtures shared by every test: small factories for the site's content, requests and users."""

import io
import itertools
import signal
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from blog.models import Category, Post, Tag
from booking.models import BookingRequest, LookingForOption
from practice.models import Practice, Therapist
from practice.sign_in import must_enrol
from tests.authenticator import enrol
from tests.browser.chromium import CHROMIUM_PATH, chromium_available
from tests.s3 import running_s3_server

_sequence = itertools.count(1)


def pytest_report_header(config):
    # Here, not in tests/browser/conftest.py: pytest asks only the first conftests for headers.
    if chromium_available():
        return f"browser tests: {CHROMIUM_PATH}"
    return (
        f"browser tests: skipped, no Chromium at {CHROMIUM_PATH} "
        "(apt-get install chromium, or set CHROMIUM_PATH, to run them)"
    )


def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright's event loop, once started, stays for the session."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back after a test, the
    cache is not, and one test's pages or sessions must not answer another's requests."""
    cache.clear()


@pytest.fixture
def practice(db):
    """The practice's details, as the migrations create them."""
    return Practice.get_solo()


@pytest.fixture
def therapist(db):
    return Therapist.objects.create(
        name="Morgan", slug="morgan", notification_email="morgan@example.com"
    )


@pytest.fixture
def category(db):
    return Category.objects.create(
        name="Relationship Therapy",
        slug="relationship-therapy",
        description="Help for couples and partners.",
    )


@pytest.fixture
def make_tag(db):
    def make(name):
        return Tag.objects.get_or_create(name=name, slug=name.lower().replace(" ", "-"))[0]

    return make


@pytest.fixture
def make_post(therapist, category):
    """Create a post; published one hour ago unless told otherwise."""

    def make(title=None, *, tags=(), **fields):
        number = next(_sequence)
        title = title or f"Post {number}"
        fields.setdefault("slug", f"post-{number}")
        fields.setdefault("summary", f"Summary of {title}.")
        fields.setdefault("body", f"Body of *{title}*.")
        fields.setdefault("author", therapist)
        fields.setdefault("category", category)
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        post = Post.objects.create(title=title, **fields)
        post.tags.set(tags)
        return post

    return make


@pytest.fixture
def post_form(therapist, category):
    """What an editor fills in on the add form, publishing now unless told otherwise."""

    def fill(**fields):
        now = timezone.localtime()
        data = {
            "title": "Listening to understand",
            "slug": "listening-to-understand",
            "summary": "How to listen so that your partner feels heard.",
            "body": "## Slow down\n\n- Breathe\n- Ask\n",
            "author": therapist.pk,
            "category": category.pk,
            "status": Post.Status.PUBLISHED,
            "publish_at_0": now.strftime("%Y-%m-%d"),
            "publish_at_1": now.strftime("%H:%M:%S"),
            "featured_image_alt": "",
            "seo_title": "",
            "seo_description": "",
            # The review links' inline, empty.
            "review_links-TOTAL_FORMS": "0",
            "review_links-INITIAL_FORMS": "0",
        }
        return {key: value for key, value in {**data, **fields}.items() if value is not None}

    return fill


@pytest.fixture
def looking_for(db):
    """An answer the data migration offers from the start (made again if a live-server
    test before emptied the tables)."""
    return LookingForOption.objects.get_or_create(label="Individual therapy")[0]


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
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-compatible server (moto's) on a local port, for the whole test run, with a
    public bucket: `endpoint_url`, `bucket`, `environment()` for a subprocess's variables,
    `stored_names()`, `public_url(name)`, `with_new_bucket()` (tests/s3.py)."""
    with running_s3_server() as server:
        yield server


@pytest.fixture
def media_on_s3(settings, s3_server, media_root):
    """Uploads go to a new, empty bucket on the S3 server for this test, as with
    MEDIA_STORAGE=s3; the local media root stays empty. Returns the S3Server of that bucket.
    Django forgets the storage it made as soon as STORAGES changes, and again after."""
    server = s3_server.with_new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": server.storage()}
    return server


@pytest.fixture
def make_user(db, django_user_model):
    """A user in one of the site's roles: "non-staff" (an account without admin access),
    "staff" (admin access, no permissions), a `setup_roles` group ("Intake", "Editors")
    or "superuser"."""
    call_command("setup_roles", stdout=io.StringIO())

    def make(role, username=None, password=None):
        user = django_user_model.objects.create_user(
            username=username or f"{role.lower()}-{next(_sequence)}",
            email=f"{role.lower()}@example.com",
            password=password,
            is_staff=role != "non-staff",
            is_superuser=role == "superuser",
        )
        if role in {"Intake", "Editors"}:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def give_second_factor(client):
    """Enrol an authenticator app for the client's signed-in user and count this session
    as verified by it, as a code typed at the sign-in page would."""

    def give(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = enrol(user).persistent_id
        session.save()

    return give


@pytest.fixture
def log_in(client, make_user, give_second_factor):
    """Log the test client in as a user of the role, or as nobody ("anonymous"). Whoever
    must give a second factor (Intake, superusers) has given one."""

    def log_in(role, username=None):
        if role == "anonymous":
            return None
        user = make_user(role, username)
        client.force_login(user)
        if must_enrol(user):
            give_second_factor(user)
        return user

    return log_in


@pytest.fixture
def admin_client(client, admin_user, give_second_factor):
    """pytest-django's superuser client, having given a second factor."""
    client.force_login(admin_user)
    give_second_factor(admin_user)
    return client

    return log_in


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
        options = ["--batch", "--no-reload", "--no-startup-delay"]
        call_command("db_worker", *options, stdout=io.StringIO())

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)
