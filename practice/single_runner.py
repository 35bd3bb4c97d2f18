"""Sweeping jobs that cron starts on every server at once, done by one of them.

Jobs that send (booking.notifications, booking.replies, booking.waitlist) take each row
under a lock and need nothing more. Jobs that sweep a whole table or folder (the retention
purge, deleting unused images) take a lease on the job instead: on PostgreSQL a
transaction-level advisory lock named for the job, so that a second runner at the same
moment skips, says so, and reports nothing it did not do. The lease ends with the
transaction, so a runner that dies cannot keep it.

On SQLite there is one server, whose cron starts each job once, and SQLite lets one writer
in at a time (IMMEDIATE transactions, settings): the lease is granted at once, and no
transaction is opened for it, which would hold that single write lock, and the booking
form with it, for the whole job.
"""

import functools
import hashlib
from contextlib import contextmanager

from django.db import connection, transaction


def advisory_lock_key(job):
    """The job's name as the signed 64-bit number PostgreSQL's advisory locks are keyed by."""
    return int.from_bytes(hashlib.sha256(job.encode()).digest()[:8], "big", signed=True)


@contextmanager
def lease(job):
    """Yield whether this runner has the job to itself until the block ends."""
    if connection.vendor != "postgresql":
        yield True
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [advisory_lock_key(job)])
            (granted,) = cursor.fetchone()
        yield granted


def single_runner(handle):
    """Run a management command's handle() under the lease of the command's name, or say
    that another server is running it and do nothing."""

    @functools.wraps(handle)
    def handle_alone(command, *args, **options):
        job = command.__module__.rpartition(".")[2]
        with lease(job) as granted:
            if granted:
                return handle(command, *args, **options)
            command.stdout.write(f"Skipped {job}: another server is running it.")

    return handle_alone
