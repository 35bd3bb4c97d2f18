"""Imports that editors run from admin, each in a task (settings.TASKS), outside their
request: a dry run as soon as they upload an export, then, once they confirm, the import.

The only module that calls the importer (blog.importing, which `manage.py import_wxr`
uses too): it reads the export and writes its posts in one transaction, all or nothing.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from .importing import ImportFileError, import_wxr, validate_wxr
from .models import BlogImport

logger = logging.getLogger(__name__)

# A blog of a thousand long posts exports to a few megabytes; images are not in the file.
MAX_FILE_BYTES = 50 * 1024 * 1024


class UnusableFile(Exception):
    """The file cannot be imported; the message says why, for the editor."""


def validate(data):
    """Raise UnusableFile for a file the importer cannot use at all. Quick (a quarter of a
    second for the largest export), for the upload form: the dry run is a task, as a large
    export takes longer to check than a request may last (12 s for 1,000 posts)."""
    try:
        validate_wxr(data)
    except ImportFileError as error:
        raise UnusableFile(str(error)) from None
    except Exception as error:
        # A file that trips the importer up is the editor's to hear about, not a server error.
        logger.exception("An uploaded export could not be read")
        raise UnusableFile(
            f"The file could not be read ({type(error).__name__}); the error is logged."
        ) from None


def queue_check(blog_import):
    """Queue the dry run of an import just uploaded, or stuck being checked, once this
    request's transaction commits; returns False, queuing nothing, otherwise."""
    return queue_task(
        check_import, blog_import, BlogImport.may_check_q(), BlogImport.Status.CHECKING
    )


def queue(blog_import):
    """Queue the import to run once this request's transaction commits; returns False,
    queuing nothing, when it is already waiting, running (unless stuck) or done."""
    return queue_task(run_import, blog_import, BlogImport.may_run_q(), BlogImport.Status.QUEUED)


def queue_task(work, blog_import, may_queue_q, status):
    """Give the import `status`, waiting for a worker, if `may_queue_q` allows it."""
    with transaction.atomic():
        updated = BlogImport.objects.filter(may_queue_q, pk=blog_import.pk).update(
            status=status, started_at=None
        )
        if updated:
            transaction.on_commit(partial(work.enqueue, blog_import.pk))
    return bool(updated)


def import_upload(blog_import, **options):
    """The importer, run on the uploaded export with the options its editor chose (it
    names the default author by slug)."""
    author = blog_import.author
    return import_wxr(
        bytes(blog_import.upload),
        author=author.slug if author else None,
        download_images=blog_import.download_images,
        **options,
    )


@task
def check_import(blog_import_pk):
    """What the import would do, unless another worker has taken the check or the import
    was deleted. It downloads no image, so that it ends within seconds however many the
    posts show: the report lists those the import will download when it runs. Any failure
    is saved with its message; the file is kept until the import is deleted."""
    waiting = Q(status=BlogImport.Status.CHECKING, started_at=None)
    blog_import = take(blog_import_pk, waiting, BlogImport.Status.CHECKING)
    if blog_import is None:
        return
    try:
        report = import_upload(blog_import, dry_run=True, defer_downloads=True)
    except Exception as error:
        reason = reason_for(error, blog_import)
        blog_import.status = BlogImport.Status.CHECK_FAILED
        blog_import.failure = f"The check failed: {reason}"
        blog_import.save(update_fields=["status", "failure"])
    else:
        blog_import.status = BlogImport.Status.CHECKED
        blog_import.dry_run_entries = report.as_data()
        blog_import.save(update_fields=["status", "dry_run_entries"])


@task
def run_import(blog_import_pk):
    """Import what was queued, unless another worker has taken it or it was deleted. Any
    failure is saved with its message, and the file is kept, to run again; a success
    empties it."""
    waiting = Q(status=BlogImport.Status.QUEUED)
    blog_import = take(blog_import_pk, waiting, BlogImport.Status.RUNNING)
    if blog_import is None:
        return
    try:
        report = import_upload(blog_import)
    except Exception as error:
        fail(blog_import, reason_for(error, blog_import))
    else:
        blog_import.status = BlogImport.Status.DONE
        blog_import.entries = report.as_data()
        blog_import.failure = ""
        blog_import.upload = b""
        blog_import.finished_at = timezone.now()
        # Named fields only: an import deleted meanwhile is an error, not saved anew.
        blog_import.save(update_fields=DONE_FIELDS)


DONE_FIELDS = ["status", "entries", "failure", "upload", "finished_at"]


def take(blog_import_pk, waiting_q, status):
    """The import, with its file, marked as taken by this worker (`status`, started now);
    None unless it is waiting (`waiting_q`): another worker took it, or it was deleted.

    The row is locked while it is taken, so two workers picked for the same task take
    turns and the second finds it taken (SQLite, without row locks, lets one writer in at
    a time, to the same end).
    """
    with transaction.atomic():
        blog_import = (
            BlogImport.objects.defer(None)
            .select_for_update(skip_locked=True, of=("self",))
            .filter(waiting_q, pk=blog_import_pk)
            .select_related("author")
            .first()
        )
        if blog_import is None:
            return None
        blog_import.status = status
        blog_import.started_at = timezone.now()
        blog_import.save(update_fields=["status", "started_at"])
    return blog_import


def reason_for(error, blog_import):
    """Why a check or a run failed, for the editor: an unusable file's own message, else
    the error's, which is logged in full."""
    if isinstance(error, ImportFileError):
        return str(error)
    logger.exception("Import %s failed while %s", blog_import.pk, blog_import.status)
    return f"{type(error).__name__}: {error} (the full error is logged)"


def fail(blog_import, reason):
    """Save why the import failed; the file stays, to run again."""
    blog_import.status = BlogImport.Status.FAILED
    blog_import.failure = f"The import failed: {reason}"
    blog_import.finished_at = timezone.now()
    blog_import.save(update_fields=["status", "failure", "finished_at"])
