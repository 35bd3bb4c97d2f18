"""Running jobs as several servers would, all at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the locks need PostgreSQL (DATABASE_URL)"
)


def at_once(*jobs):
    """Run each job in its own thread, so on its own database connection, all together;
    return what each returned."""
    start_together = threading.Barrier(len(jobs))

    def run(job):
        start_together.wait()
        try:
            return job()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return [done.result() for done in [pool.submit(run, job) for job in jobs]]
