"""/healthz tells load balancers whether the site reaches every service it needs: 200 while
each answers, 503 naming the one that does not, and within the check's timeout."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import InMemoryStorage
from django.db import DatabaseError
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResultQuerySet

from practice.page_cache import STATUS_HEADER
from tests.network import unused_port


@task
def queued():
    """A task for the queue to hold."""


class HangingStorage(InMemoryStorage):
    """An object store that takes its time to answer."""

    def exists(self, name):
        time.sleep(3)
        return False


@pytest.fixture
def media_storage(settings):
    """Uploads kept by a storage other than this server's disk (an object store)."""

    def use(backend):
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}

    return use


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def enqueued(ago, count=1):
    with time_machine.travel(timezone.now() - ago, tick=False):
        for _ in range(count):
            queued.enqueue()


@pytest.mark.django_db
def test_200_while_the_database_and_the_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain"
    assert response.text == "database: ok\ncache: ok\n"


@pytest.mark.django_db
def test_the_answer_is_never_kept_by_any_cache(client, monkeypatch):
    first = client.get("/healthz")

    for never in ["no-cache", "no-store", "private"]:
        assert never in first.headers["Cache-Control"]
    assert STATUS_HEADER not in first.headers

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
@pytest.mark.usefixtures("database_queue")
def test_an_object_store_and_the_task_queue_are_checked_when_the_site_uses_them(
    client, media_storage
):
    media_storage("django.core.files.storage.InMemoryStorage")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == (
        "database: ok\ncache: ok\nmedia storage: ok\ntask queue: ok (0 waiting)\n"
    )


def refuse(*args, **kwargs):
    raise DatabaseError("connection refused")


@pytest.mark.django_db
def test_503_when_the_database_does_not_answer(client, monkeypatch, caplog):
    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.text == "database: unavailable\ncache: ok\n"
    assert "the database is unavailable (DatabaseError)" in caplog.text


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_503_when_the_cache_does_not_answer(client, caplog):
    """Redis down answers every call with None (IGNORE_EXCEPTIONS), never an error."""
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.text == "database: ok\ncache: unavailable\n"
    assert "the cache is unavailable (NotAnswering)" in caplog.text


@pytest.mark.django_db
def test_the_s3_bucket_is_checked_when_uploads_go_there(client, media_on_s3):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "database: ok\ncache: ok\nmedia storage: ok\n"


@pytest.mark.django_db
def test_503_when_the_s3_bucket_does_not_answer(client, settings, s3_server):
    """An S3 server where nothing listens any more, as when the network to it is down."""
    nowhere = s3_server.storage(AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{unused_port()}")
    settings.STORAGES = {**settings.STORAGES, "default": nowhere}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.text == "database: ok\ncache: ok\nmedia storage: unavailable\n"


@pytest.mark.django_db
@pytest.mark.usefixtures("database_queue")
def test_503_when_the_task_queue_does_not_answer(client, monkeypatch):
    monkeypatch.setattr(DBTaskResultQuerySet, "ready", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.text == "database: ok\ncache: ok\ntask queue: unavailable\n"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_the_task_queue_says_how_many_wait_and_for_how_long(client):
    enqueued(timedelta(seconds=60), count=2)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text.endswith("task queue: ok (2 waiting, oldest 60 s)\n")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_a_queue_no_worker_takes_from_is_stalled_but_keeps_the_200(client, settings, caplog):
    """Every server shares the queue: a 503 would take them all out, for emails that cron
    sends anyway."""
    settings.TASK_QUEUE_STALE_SECONDS = 300
    enqueued(timedelta(minutes=10))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text.endswith("task queue: stalled (1 waiting, oldest 600 s)\n")
    assert "is a worker running?" in caplog.text


@pytest.mark.django_db
def test_a_service_that_hangs_is_unavailable_once_the_timeout_passes(
    client, settings, media_storage
):
    settings.HEALTH_CHECK_TIMEOUT_SECONDS = 0.5
    media_storage(f"{__name__}.HangingStorage")

    started = time.monotonic()
    response = client.get("/healthz")
    took = time.monotonic() - started

    assert took < 1.5
    assert response.status_code == 503
    assert response.text == "database: ok\ncache: ok\nmedia storage: unavailable\n"
