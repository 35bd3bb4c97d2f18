"""Uploaded images that nothing shows any more are deleted, with their renditions: an editor
who removes a photo expects it gone.

Every model field that can show an upload takes part: image fields (a post's featured
image, a therapist's photo) and Markdown bodies. A featured image or photo goes as soon as
it is replaced, cleared or its post deleted, once the change is committed and if nothing
else shows it. An image dropped into a body is deleted by `manage.py delete_unused_images`
(from cron) once nothing refers to it and it is a day old: until its draft is saved, only
the editor's open page refers to it.

The kept revisions of posts and pages count too, since restoring one shows its images
again: an image only they refer to stays until they are pruned (`manage.py deleterevisions`).
"""

import re
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.utils import timezone

from . import images

UNSAVED_DRAFT_GRACE = timedelta(days=1)
# A stored image or one of its renditions: "<32 hex digits>.jpg", "<…>-480w.webp".
STORED_FILE = re.compile(r"(?P<stem>[0-9a-f]{32})(?:-[0-9]+w)?\.[a-z]+")


def fields_referring_to_images():
    """(model, field) for every image field and Markdown body of the installed models, and
    the data of kept revisions."""
    # Here: .fields imports this module, and reversion's models need the apps loaded.
    from reversion.models import Version

    from .fields import CleanImageField, MarkdownField

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, CleanImageField | MarkdownField):
                yield model, field
    yield Version, Version._meta.get_field("serialized_data")


def upload_directories():
    directories = {images.UPLOAD_DIRECTORY}
    for _, field in fields_referring_to_images():
        if isinstance(getattr(field, "upload_to", None), str):
            directories.add(field.upload_to)
    return sorted(directories)


def stems_in_use():
    """The random part of the name of every upload that something still refers to."""
    stems = set()
    for model, field in fields_referring_to_images():
        values = model._base_manager.values_list(field.attname, flat=True)
        for value in values.iterator():
            stems.update(match["stem"] for match in STORED_FILE.finditer(value or ""))
    return stems


def is_in_use(stem):
    return any(
        model._base_manager.filter(**{f"{field.attname}__contains": stem}).exists()
        for model, field in fields_referring_to_images()
    )


def files_by_stem(directory):
    """The stored images of a directory: their files (original first), by their stem.

    Asked through the storage alone, so that a bucket is read as the disk is: there, a
    directory is only the common beginning of names, and exists only while it holds some.
    """
    found = {}
    try:
        _, files = default_storage.listdir(directory)
    except FileNotFoundError:  # on disk, before the first upload
        return found
    for name in sorted(files, key=len):
        if match := STORED_FILE.fullmatch(name):
            found.setdefault(match["stem"], []).append(directory + name)
    return found


def delete_if_unused(name):
    """Delete a stored image (by its storage name) and its renditions, unless still in use."""
    directory, _, filename = name.rpartition("/")
    match = STORED_FILE.fullmatch(filename)
    if match and not is_in_use(match["stem"]):
        for stored in files_by_stem(f"{directory}/").get(match["stem"], []):
            default_storage.delete(stored)


def delete_unused_images(dry_run=False):
    """Delete every upload nothing refers to that is older than UNSAVED_DRAFT_GRACE.

    Return the stored names of the images deleted (on a dry run, of those it would delete).
    """
    in_use = stems_in_use()
    cutoff = timezone.now() - UNSAVED_DRAFT_GRACE
    deleted = []
    for directory in upload_directories():
        for stem, stored in files_by_stem(directory).items():
            if stem in in_use or default_storage.get_modified_time(stored[0]) >= cutoff:
                continue
            deleted.append(stored[0])
            if not dry_run:
                for name in stored:
                    default_storage.delete(name)
    return deleted
