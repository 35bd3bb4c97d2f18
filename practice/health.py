"""What /healthz checks: each service the site needs from another machine.

A load balancer asks every few seconds and gives up after a few more, so every check runs
at once, in its own thread, and one that has not answered within
HEALTH_CHECK_TIMEOUT_SECONDS counts as unavailable: the answer comes within about that
time, however many hang. Under gunicorn's gevent workers these threads are greenlets,
which wait on sockets the same way.
"""

import logging
import secrets
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.db.models import Count, Min
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

UNAVAILABLE = "unavailable"


class NotAnswering(Exception):
    pass


@contextmanager
def time_limited():
    """On PostgreSQL, a transaction whose statements the server itself stops after the
    timeout, so that checks of a stuck database do not pile up holding connections. On
    SQLite a file on this server; a transaction there would wait for the write lock."""
    if connection.vendor != "postgresql":
        yield
        return
    milliseconds = int(settings.HEALTH_CHECK_TIMEOUT_SECONDS * 1000)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(milliseconds)])
        yield


def database():
    with time_limited(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def cache_keeps():
    """A key of its own, so checks never cross. A Redis that is down answers None rather
    than an error (IGNORE_EXCEPTIONS, settings), so what is read back is what counts."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    answered = cache.get(key) == value
    cache.delete(key)
    if not answered:
        raise NotAnswering("the cache keeps nothing")
    return "ok"


def media_storage():
    """Asked through the Storage API, so any backend can answer: a name never stored is
    looked up, which costs an object store one request and answers False."""
    default_storage.exists("healthz-probe")
    return "ok"


def task_queue():
    """The queue's table answers; how many tasks wait, and how long the oldest has.

    A queue whose oldest task waits past TASK_QUEUE_STALE_SECONDS has no worker taking
    tasks: it is reported "stalled" and logged, but keeps the 200. The queue is shared, so
    every server would fail together, and a load balancer would take the whole site away
    from readers for emails that cron sends anyway after a few minutes.
    """
    with time_limited():
        ready = DBTaskResult.objects.ready().aggregate(
            waiting=Count("pk"), oldest=Min("enqueued_at")
        )
    if not ready["waiting"]:
        return "ok (0 waiting)"
    age = int((timezone.now() - ready["oldest"]).total_seconds())
    state = "stalled" if age > settings.TASK_QUEUE_STALE_SECONDS else "ok"
    if state == "stalled":
        logger.warning(
            "Health check: a task has waited %s s in the queue; is a worker running?", age
        )
    return f"{state} ({ready['waiting']} waiting, oldest {age} s)"


def checks():
    """The checks this configuration calls for, by the name the answer gives each. Media
    on this server's own disk is no service of another machine, so it is not checked."""
    found = {"database": database, "cache": cache_keeps}
    if not isinstance(default_storage, FileSystemStorage):
        found["media storage"] = media_storage
    if isinstance(task_backends["default"], DatabaseBackend):
        found["task queue"] = task_queue
    return found


def in_own_connection(check):
    """Run a check in its thread, then give back the database connection it opened."""
    try:
        return check()
    finally:
        connection.close()


def report():
    """Each check's answer by its name, UNAVAILABLE for one that failed or took too long."""
    found = checks()
    pool = ThreadPoolExecutor(max_workers=len(found), thread_name_prefix="healthz")
    futures = {name: pool.submit(in_own_connection, check) for name, check in found.items()}
    wait(futures.values(), timeout=settings.HEALTH_CHECK_TIMEOUT_SECONDS)
    # Threads still waiting finish on their own; nobody waits for them.
    pool.shutdown(wait=False, cancel_futures=True)
    return {name: answer(name, future) for name, future in futures.items()}


def answer(name, future):
    if not future.done():
        logger.warning("Health check: the %s did not answer in time", name)
        return UNAVAILABLE
    try:
        return future.result()
    except Exception as error:
        logger.warning("Health check: the %s is unavailable (%s)", name, type(error).__name__)
        return UNAVAILABLE
