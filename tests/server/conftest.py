"""The production server, as `make serve` and the README run it: gunicorn with
gunicorn.conf.py, debug off, on the test database. Started once for the tests marked
`server`, which talk to it over real sockets."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.network import unused_port

PROJECT = Path(settings.BASE_DIR)


def database_url():
    """The test database, as a DATABASE_URL the server can open."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user, host = database["USER"] or "postgres", database["HOST"] or "127.0.0.1"
    return f"postgres://{user}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


class Server:
    def __init__(self, port, log_path):
        self.port = port
        self.log_path = log_path

    def connect(self, timeout=5):
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def log_lines(self):
        """What the server wrote to stderr so far, line by line."""
        return self.log_path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def production_server(django_db_setup, tmp_path_factory):
    """gunicorn with the project's gunicorn.conf.py and one worker, so that one worker is
    seen keeping every connection apart."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    log_path = tmp_path_factory.mktemp("server") / "stderr.log"
    port = unused_port()
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-test-only-production-key-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url(),
        "EMAIL_ENABLED": "0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=PROJECT,
        env=environment,
        check=True,
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "-c",
                "gunicorn.conf.py",
                "practice.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=PROJECT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(port, log_path)
    try:
        wait_until_answering(server, process)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_answering(server, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped:\n" + "\n".join(server.log_lines()))
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start:\n" + "\n".join(server.log_lines()))
