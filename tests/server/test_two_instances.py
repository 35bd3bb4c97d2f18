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
import sys
import time
import urllib.error
import urllib.request
import uuid

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
        worker = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
        self.worker = Process(worker, environment, logs / f"{name}-worker.log")
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


def upload_photo(editor, instance):
    """The editor's photo, dropped into the Markdown editor: its address in the body."""
    editor.get(f"{instance.url}/admin/blog/post/add/")
    status, _, answer = editor.post(
        f"{instance.url}/admin/markdown/upload/",
        {},
        files={"image": ("lake.jpg", photo(size=(1200, 800)), "image/jpeg")},
        headers={"X-CSRFToken": editor.cookie("csrftoken")},
    )
    assert status == 200, answer
    return json.loads(answer)["url"]


def request_first_appointment(client, instance, looking_for):
    _, _, form = client.get(f"{instance.url}/book/")
    token = re.search(r'name="form_token" value="([^"]+)"', form)[1]
    time.sleep(MIN_FILL_SECONDS)
    status, _, _ = client.post_form(
        f"{instance.url}/book/",
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


def wait_for_mail(mailbox, address, seconds=20):
    deadline = time.monotonic() + seconds
    while not mailbox.sent_to(address) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # time for a second copy, were one on its way


def test_two_servers_serve_as_one(
    instances, mailbox, make_user, practice, therapist, looking_for, post_form
):
    """One journey, since each server keeps in memory what a test's emptied database would
    no longer match (content type numbers, for one)."""
    a, b = instances
    reader, editor = Visitor(), Visitor()
    user = make_user("Editors", password=PASSWORD)
    reader.get(f"{b.url}/blog/")
    _, headers, page = reader.get(f"{b.url}/blog/")
    assert headers["X-Page-Cache"] == "hit"

    # A staff session begun on A works on B.
    sign_in(editor, a, user)
    status, _, page = editor.get(f"{b.url}/admin/")
    assert status == 200
    assert user.username in page

    # A photo uploaded through A is shown by B, from the bucket, in a post published on A
    # and at once on B's cached pages.
    image_address = upload_photo(editor, a)
    body = f"![A calm lake]({image_address})"
    status, _, _ = editor.post_form(f"{a.url}/admin/blog/post/add/", post_form(body=body))
    assert status == 302
    _, _, page = reader.get(f"{b.url}/blog/")
    assert "Listening to understand" in page
    _, _, page = reader.get(f"{b.url}/blog/listening-to-understand/")
    sources = re.findall(r'srcset="([^" ]+) ', page)
    assert sources, "the post shows no picture"
    assert all(source.startswith(instances_bucket(a)) for source in sources)
    with urllib.request.urlopen(sources[0], timeout=10) as image:
        assert image.headers["Content-Type"].startswith("image/")
    # The address the body keeps, /media/<name>, leads from B to the same file.
    status, headers, _ = reader.get(f"{b.url}{image_address}")
    assert status == 302
    assert headers["Location"].startswith(instances_bucket(a))
    with urllib.request.urlopen(headers["Location"], timeout=10) as image:
        assert image.headers["Content-Type"] == "image/jpeg"

    # A booking request sent to B reaches the practice once, while both servers' workers
    # and both servers' cron command (at once) would send it.
    request_first_appointment(Visitor(), b, looking_for)
    with concurrent.futures.ThreadPoolExecutor() as pool:
        runs = [
            pool.submit(manage, instance.environment, "send_booking_notifications")
            for instance in instances
        ]
    for run in runs:
        run.result()  # raises if the command failed
    wait_for_mail(mailbox, therapist.notification_email)
    assert len(mailbox.sent_to(therapist.notification_email)) == 1
    assert len(mailbox.sent_to("sam@example.com")) == 1
    assert a.worker.popen.poll() is None, "A's worker stopped"
    assert b.worker.popen.poll() is None, "B's worker stopped"


def instances_bucket(instance):
    environment = instance.environment
    return f"{environment['AWS_S3_ENDPOINT_URL']}/{environment['AWS_STORAGE_BUCKET_NAME']}/"
