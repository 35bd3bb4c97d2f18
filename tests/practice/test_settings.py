"""Settings come from the environment: production must bring its own secret key, and SQLite
runs in WAL mode so readers and a writer do not block each other."""

import os
import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler

from practice import settings as settings_module

SETTINGS_FILE = settings_module.__file__


def load_settings(monkeypatch, **environment):
    """Run the settings module afresh with only these variables of its own set."""
    for name in list(os.environ):
        if name.startswith("DJANGO_") or name == "DATABASE_URL":
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
    settings = load_settings(monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="s3cret-" * 8)

    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == "s3cret-" * 8


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
