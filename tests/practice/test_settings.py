"""Settings come from the environment: production must bring its own secret key, SQLite
runs in WAL mode so readers and a writer do not block each other, and uploads go to the
disk or to an S3 bucket, whose host the Content Security Policy then allows images from."""

import os
import runpy
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler
from storages.backends.s3 import S3Storage

from practice import settings as settings_module

SETTINGS_FILE = settings_module.__file__


OWN_VARIABLES = ("DJANGO_", "EMAIL_", "DATABASE_URL", "REDIS_URL", "MEDIA_STORAGE", "AWS_")


def load_settings(monkeypatch, **environment):
    """Run the settings module afresh with only these variables of its own set."""
    for name in list(os.environ):
        if name.startswith(OWN_VARIABLES):
            monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_FILE)


@pytest.mark.parametrize("secret_key", [None, ""])
def test_production_without_a_secret_key_refuses_to_start(monkeypatch, secret_key):
    environment = {"DJANGO_DEBUG": "0"}
    if secret_key is not None:
        environment["DJANGO_SECRET_KEY"] = secret_key

    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be set"):
        load_settings(monkeypatch, **environment)


def test_production_uses_the_secret_key_it_is_given(monkeypatch):
    settings = load_settings(
        monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="s3cret-" * 8, EMAIL_HOST="smtp.example"
    )

    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == "s3cret-" * 8


@pytest.mark.parametrize("email_host", [None, ""])
def test_production_without_a_mail_server_refuses_to_start(monkeypatch, email_host):
    environment = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "s3cret-" * 8}
    if email_host is not None:
        environment["EMAIL_HOST"] = email_host

    with pytest.raises(ImproperlyConfigured, match=r"EMAIL_HOST must be set.*EMAIL_ENABLED=0"):
        load_settings(monkeypatch, **environment)


def test_production_sends_email_through_the_mail_server(monkeypatch):
    settings = load_settings(
        monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="s3cret-" * 8, EMAIL_HOST="smtp.example"
    )

    assert settings["EMAIL_ENABLED"] is True
    mailer = settings["MAILERS"]["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"]["host"] == "smtp.example"


def test_production_may_run_with_email_off_when_told_so(monkeypatch):
    settings = load_settings(
        monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="s3cret-" * 8, EMAIL_ENABLED="0"
    )

    assert settings["EMAIL_ENABLED"] is False
    # Should anything try to send, nothing is printed to the log: the dummy backend.
    assert (
        settings["MAILERS"]["default"]["BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"
    )


def test_development_prints_emails_to_the_console(monkeypatch):
    settings = load_settings(monkeypatch)

    assert settings["MAILERS"]["default"]["BACKEND"] == (
        "django.core.mail.backends.console.EmailBackend"
    )


def test_development_needs_no_secret_key(monkeypatch):
    settings = load_settings(monkeypatch)

    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(monkeypatch, tmp_path, django_db_blocker):
    settings = load_settings(monkeypatch, DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")
    connections = ConnectionHandler({"default": settings["DATABASES"]["default"]})

    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        [(journal_mode,)] = cursor.fetchall()
        cursor.execute("PRAGMA busy_timeout")
        [(busy_timeout_ms,)] = cursor.fetchall()
    connections.close_all()

    assert journal_mode == "wal"
    assert busy_timeout_ms == 20_000


def test_uploads_are_on_disk_by_default_and_images_come_from_this_site(monkeypatch):
    settings = load_settings(monkeypatch)

    assert settings["STORAGES"]["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert settings["SECURE_CSP"]["img-src"] == ["'self'", "data:"]


def test_media_in_s3_without_a_bucket_refuses_to_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME must be set"):
        load_settings(monkeypatch, MEDIA_STORAGE="s3", AWS_S3_ENDPOINT_URL="https://r2.example")


def test_an_unknown_media_storage_refuses_to_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match=r"MEDIA_STORAGE must be 'local'.*not 'S3 '"):
        load_settings(monkeypatch, MEDIA_STORAGE="S3 ", AWS_STORAGE_BUCKET_NAME="media")


@pytest.mark.parametrize(
    ("environment", "origin"),
    [
        pytest.param(
            {"AWS_S3_CUSTOM_DOMAIN": "cdn.practice.example"},
            "https://cdn.practice.example",
            id="behind a CDN",
        ),
        pytest.param(
            {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
            "http://127.0.0.1:9000",
            id="an S3-compatible server",
        ),
        pytest.param(
            {"AWS_S3_REGION_NAME": "eu-west-2"},
            "https://practice-media.s3.amazonaws.com",
            id="AWS itself",
        ),
    ],
)
def test_images_in_s3_may_come_from_where_the_storage_addresses_them(
    monkeypatch, environment, origin
):
    settings = load_settings(
        monkeypatch, MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="practice-media", **environment
    )

    # The origin of the addresses the storage itself gives (computed: no request is made).
    url = urlsplit(S3Storage(**settings["STORAGES"]["default"]["OPTIONS"]).url("posts/a.jpg"))
    assert f"{url.scheme}://{url.netloc}" == origin
    assert settings["SECURE_CSP"]["img-src"] == ["'self'", "data:", origin]
