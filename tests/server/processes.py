"""The production server and its companions as separate processes, configured as the README
deploys them: debug off, gunicorn with gunicorn.conf.py, on the test database."""

import contextlib
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

PROJECT = Path(settings.BASE_DIR)
SECRET_KEY = "a-test-only-production-key-" + "k" * 40


def database_url():
    """The test database, as a DATABASE_URL the server can open."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user, host = database["USER"] or "postgres", database["HOST"] or "127.0.0.1"
    return f"postgres://{user}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def production_environment(static_root, **variables):
    """The environment `make serve` gives the server, on the test database; this test
    process's own DJANGO_ variables are left out."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url(),
        "EMAIL_ENABLED": "0",
        **variables,
    }


def manage(environment, *arguments):
    """Run a management command as production would, and wait for it."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )


class Process:
    """A long-running command whose output goes to a log file."""

    def __init__(self, command, environment, log_path):
        self.log_path = log_path
        with log_path.open("w") as log:
            self.popen = subprocess.Popen(
                command, cwd=PROJECT, env=environment, stdout=log, stderr=subprocess.STDOUT
            )

    def log_lines(self):
        """What the process wrote so far, line by line."""
        return self.log_path.read_text(encoding="utf-8").splitlines()

    def stop(self):
        self.popen.terminate()
        self.popen.wait(timeout=30)


class Server(Process):
    """gunicorn serving the site on a port of 127.0.0.1."""

    def __init__(self, port, environment, log_path, workers=1):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "-c", "gunicorn.conf.py", "practice.wsgi"]
        command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
        super().__init__(command, environment, log_path)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def wait_until_answering(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError("gunicorn stopped:\n" + "\n".join(self.log_lines()))
            try:
                answer = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                answer.request("GET", "/healthz")
                answer.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start:\n" + "\n".join(self.log_lines()))


@contextlib.contextmanager
def running(*processes):
    """Stop every process on the way out, however the block ends."""
    try:
        yield processes
    finally:
        for process in processes:
            process.stop()
