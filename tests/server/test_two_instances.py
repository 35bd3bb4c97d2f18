"""Two production servers behind one address share everything that matters through
PostgreSQL, Redis and S3-compatible storage: an upload, a published post, a booking
request and a staff session on one are as good on the other.

Each instance runs gunicorn and the task worker, as the README's two-server layout does, on
its own media folder, so an image can only reach the other through object storage. Run
alone with `make test-cluster`.
"""

import concurrent.futures
import email
import email.policy
import http.cookiejar
import json
import os
import re
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urljoin

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from booking.spam import MIN_FILL_SECONDS
from tests.image_files import photo
from tests.network import unused_port

from .processes import Process, Server, manage, production_environment, running

pytestmark = [pytest.mark.cluster, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long password for the test"


class Mailbox:
    """An SMTP server's handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.SMTP))
        return "250 Message accepted for delivery"

    def sent_to(self, address):
        return [message for message in self.messages if address in message["To"]]


class Instance:
    """One application server: gunicorn and the task worker beside it."""

    def __init__(self, name, environment, logs):
        self.environment = environment
        self.server = Server(unused_port(), environment, logs / f"{name}-gunicorn.log")
        worker = ["manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
        self.worker = Process(["python", *worker], environment, logs / f"{name}-worker.log")
        self.url = self.server.url


class Visitor:
    """A browser's memory between pages: cookies, which 127.0.0.1 shares across its ports."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), StayOnThePage
        )

    def cookie(self, name):
        return next(cookie.value for cookie in self.cookies if cookie.name == name)

    def get(self, url):
        return self.open(urllib.request.Request(url))

    def post(self, url, fields, files=None, headers=None):
        body, content_type = multipart(fields, files or {})
        request = urllib.request.Request(url, data=body, method="POST")
        for name, value in {"Content-Type": content_type, **(headers or {})}.items():
            request.add_header(name, value)
        return self.open(request)

    def post_form(self, url, fields):
        """Post as the page's form would: with the CSRF token its cookie carries."""
        return self.post(url, {"csrfmiddlewaretoken": self.cookie("csrftoken"), **fields})

    def open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers, answer.read().decode()


class StayOnThePage(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to look at, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        for each in values:
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            parts.append(f"{head}{each}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def mailbox():
    """The practice's mail server, as both instances reach it over SMTP."""
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=unused_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture(scope="module")
def instances(django_db_setup, s3_server, mailbox, tmp_path_factory):
    """Instances A and B on one PostgreSQL database, one Redis and one S3 bucket."""
    if connection.vendor != "postgresql":
        pytest.skip("Two servers share PostgreSQL: run with DATABASE_URL=postgres://…")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("Two servers share Redis: run with REDIS_URL=redis://…")
    shared = {
        **s3_server.environment(),
        "EMAIL_ENABLED": "1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailbox.port),
        "EMAIL_USE_TLS": "0",
    }
    static_root = tmp_path_factory.mktemp("staticfiles")
    environments = [
        production_environment(
            static_root, **shared, DJANGO_MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))
        )
        for _ in "AB"
    ]
    manage(environments[0], "collectstatic", "--no-input", "--verbosity", "0")
    logs = tmp_path_factory.mktemp("cluster")
    a, b = (Instance(name, env, logs) for name, env in zip("AB", environments, strict=True))
    with running(a.server, a.worker, b.server, b.worker):
        a.server.wait_until_answering()
        b.server.wait_until_answering()
        yield a, b


@pytest.fixture
def editor(make_user):
    return make_user("Editors", password=PASSWORD)


def sign_in(visitor, instance, user):
    visitor.get(f"{instance.url}/admin/account/login/")
    status, _, _ = visitor.post_form(
        f"{instance.url}/admin/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": user.username,
            "auth-password": PASSWORD,
        },
    )
    assert status == 302, "the sign-in was refused"


def test_a_staff_session_begun_on_one_server_works_on_the_other(instances, editor):
    a, b = instances
    visitor = Visitor()

    sign_in(visitor, a, editor)
    status, _, page = visitor.get(f"{b.url}/admin/")

    assert status == 200
    assert editor.username in page


def test_an_upload_through_one_server_is_shown_by_the_other(instances, editor, post_form):
    a, b = instances
    visitor = Visitor()
    sign_in(visitor, a, editor)
    visitor.get(f"{a.url}/admin/blog/post/add/")

    status, _, answer = visitor.post(
        f"{a.url}/admin/markdown/upload/",
        {},
        files={"image": ("lake.jpg", photo(size=(1200, 800)), "image/jpeg")},
        headers={"X-CSRFToken": visitor.cookie("csrftoken")},
    )
    assert status == 200, answer
    image_url = json.loads(answer)["url"]
    form = post_form(title="A calm lake", slug="a-calm-lake", body=f"![A calm lake]({image_url})")
    status, _, _ = visitor.post_form(f"{a.url}/admin/blog/post/add/", form)
    assert status == 302

    _, _, page = Visitor().get(f"{b.url}/blog/a-calm-lake/")
    sources = re.findall(r'srcset="([^" ]+) ', page)
    assert sources, "the post shows no picture"
    with urllib.request.urlopen(urljoin(b.url, sources[0]), timeout=10) as image:
        assert image.headers["Content-Type"].startswith("image/")
        assert image.read()


def test_a_post_published_on_one_server_is_at_once_on_the_others_cached_pages(
    instances, editor, post_form
):
    a, b = instances
    reader = Visitor()
    reader.get(f"{b.url}/blog/")
    _, headers, page = reader.get(f"{b.url}/blog/")
    assert headers["X-Page-Cache"] == "hit"
    assert "Listening to understand" not in page
    visitor = Visitor()
    sign_in(visitor, a, editor)
    visitor.get(f"{a.url}/admin/blog/post/add/")

    status, _, _ = visitor.post_form(f"{a.url}/admin/blog/post/add/", post_form())
    assert status == 302

    _, _, page = reader.get(f"{b.url}/blog/")
    assert "Listening to understand" in page


def test_a_request_sent_to_one_server_reaches_the_practice_once(
    instances, mailbox, therapist, looking_for
):
    _, b = instances
    client = Visitor()
    _, _, form = client.get(f"{b.url}/book/")
    token = re.search(r'name="form_token" value="([^"]+)"', form)[1]
    time.sleep(MIN_FILL_SECONDS)

    status, _, _ = client.post_form(
        f"{b.url}/book/",
        {
            "name": "Sam Rivera",
            "email": "sam@example.com",
            "preferred_contact": "email",
            "looking_for": str(looking_for.pk),
            "session_format": "online",
            "availability": ["weekday_evenings"],
            "consent": "on",
            "form_token": token,
        },
    )
    assert status == 302
    # Meanwhile cron runs the resend command on both servers.
    with concurrent.futures.ThreadPoolExecutor() as pool:
        for instance in instances:
            pool.submit(manage, instance.environment, "send_booking_notifications")

    deadline = time.monotonic() + 20
    while not mailbox.sent_to(therapist.notification_email) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # time for a second copy, were one on its way
    assert len(mailbox.sent_to(therapist.notification_email)) == 1
    assert len(mailbox.sent_to("sam@example.com")) == 1
