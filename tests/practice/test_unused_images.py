"""An image nothing shows any more is deleted with its renditions: at once when a featured
image or photo is replaced, cleared or deleted with its post; by the cron command when it
was dropped into a body, once it is a day old (a draft may not be saved yet). An image a
kept revision refers to stays, so that restoring it never shows a missing image."""

import io
import os
import time
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command

from blog.models import Post
from practice.forms import EditorImageForm
from practice.images import store_upload
from practice.models import Therapist
from tests.concurrency import at_once, only_on_postgresql
from tests.image_files import photo, upload


def stored_files(media_root, name):
    """The stored image and its renditions, by the stored image's name."""
    directory, _, filename = name.rpartition("/")
    stem = filename.split(".")[0]
    return sorted(path.name for path in (media_root / directory).glob(f"{stem}*"))


def dropped_into_the_editor(media_root, days_ago=0):
    """An image uploaded through the editor, as stored; its files made days_ago."""
    form = EditorImageForm(files={"image": upload(photo((1000, 600)))})
    assert form.is_valid()
    name = store_upload(form.cleaned_data["image"]).removeprefix("/media/")
    then = time.time() - days_ago * 24 * 3600
    for file in stored_files(media_root, name):
        os.utime(media_root / "posts" / file, (then, then))
    return name


def clean_up(dry_run=False):
    output = io.StringIO()
    call_command("delete_unused_images", *(["--dry-run"] if dry_run else []), stdout=output)
    return output.getvalue()


@pytest.fixture
def illustrated(make_post, media_root):
    return make_post(featured_image=upload(photo((1000, 600))), featured_image_alt="A room.")


def test_a_replaced_featured_image_is_deleted_with_its_renditions(
    illustrated, media_root, django_capture_on_commit_callbacks
):
    old = illustrated.featured_image.name
    assert len(stored_files(media_root, old)) == 7  # the image, 3 widths in 2 formats

    with django_capture_on_commit_callbacks(execute=True):
        illustrated.featured_image = upload(photo((1600, 900)))
        illustrated.save()

    assert stored_files(media_root, old) == []
    assert len(stored_files(media_root, illustrated.featured_image.name)) == 7


def test_a_cleared_featured_image_is_deleted(
    illustrated, media_root, django_capture_on_commit_callbacks
):
    old = illustrated.featured_image.name

    with django_capture_on_commit_callbacks(execute=True):
        illustrated.featured_image = ""
        illustrated.featured_image_alt = ""
        illustrated.save()

    assert stored_files(media_root, old) == []


def test_a_deleted_posts_featured_image_is_deleted(
    illustrated, media_root, django_capture_on_commit_callbacks
):
    old = illustrated.featured_image.name

    with django_capture_on_commit_callbacks(execute=True):
        illustrated.delete()

    assert stored_files(media_root, old) == []


def test_an_image_still_shown_elsewhere_is_kept(
    illustrated, make_post, media_root, django_capture_on_commit_callbacks
):
    name = illustrated.featured_image.name
    make_post(body=f"![The same room](/media/{name})")

    with django_capture_on_commit_callbacks(execute=True):
        illustrated.delete()

    assert len(stored_files(media_root, name)) == 7


def test_nothing_is_deleted_when_the_change_is_rolled_back(illustrated, media_root):
    old = illustrated.featured_image.name

    illustrated.featured_image = ""
    illustrated.featured_image_alt = ""
    illustrated.save()  # inside the test's transaction, never committed

    assert len(stored_files(media_root, old)) == 7


def test_a_therapists_replaced_photo_is_deleted(
    therapist, media_root, django_capture_on_commit_callbacks
):
    therapist.photo = upload(photo((600, 600)))
    therapist.save()
    old = therapist.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        therapist = Therapist.objects.get(pk=therapist.pk)
        therapist.photo = upload(photo((500, 500)))
        therapist.save()

    assert stored_files(media_root, old) == []


def test_the_command_deletes_body_images_nothing_shows_once_a_day_old(make_post, media_root):
    shown = dropped_into_the_editor(media_root, days_ago=3)
    make_post(body=f"![A path](/media/{shown})")
    removed = dropped_into_the_editor(media_root, days_ago=3)
    in_an_unsaved_draft = dropped_into_the_editor(media_root, days_ago=0)

    output = clean_up()

    assert "Deleted 1 unused image(s)" in output
    assert stored_files(media_root, removed) == []
    assert len(stored_files(media_root, shown)) == 7
    assert len(stored_files(media_root, in_an_unsaved_draft)) == 7


def test_the_command_keeps_what_posts_therapists_and_drafts_show(
    illustrated, therapist, make_post, media_root
):
    in_a_draft = dropped_into_the_editor(media_root, days_ago=5)
    make_post(status=Post.Status.DRAFT, body=f"Soon: ![A path](/media/{in_a_draft})")
    therapist.photo = upload(photo((600, 600)))
    therapist.save()
    for path in media_root.rglob("*"):
        os.utime(path, (time.time() - 10 * 24 * 3600,) * 2)
    files = sorted(media_root.rglob("*.*"))

    assert "Deleted 0 unused image(s)" in clean_up()
    assert sorted(media_root.rglob("*.*")) == files
    assert {path.parent.name for path in files} == {"posts", "therapists"}


def test_a_dry_run_lists_and_keeps(media_root, db):
    removed = dropped_into_the_editor(media_root, days_ago=2)

    output = clean_up(dry_run=True)

    assert removed in output
    assert "Would delete 1 unused image(s)" in output
    assert len(stored_files(media_root, removed)) == 7


def test_the_command_is_at_ease_with_no_uploads_yet(media_root, db):
    assert "Deleted 0 unused image(s)" in clean_up()


def test_the_grace_is_a_day(media_root, db):
    almost = dropped_into_the_editor(media_root, days_ago=(timedelta(hours=23) / timedelta(days=1)))

    clean_up()

    assert len(stored_files(media_root, almost)) == 7


def age_every_file(media_root, days=10):
    for path in media_root.rglob("*.*"):
        os.utime(path, (time.time() - days * 24 * 3600,) * 2)


def test_an_image_a_kept_revision_refers_to_stays_until_the_revisions_are_pruned(
    illustrated, log_in, save_in_admin, media_root, django_capture_on_commit_callbacks
):
    replaced = illustrated.featured_image.name
    in_the_body = dropped_into_the_editor(media_root)
    log_in("Editors")
    save_in_admin(illustrated, body=f"Look: ![A path](/media/{in_the_body})")

    with django_capture_on_commit_callbacks(execute=True):
        response = save_in_admin(
            illustrated, body="No picture now.", featured_image=upload(photo((800, 600)))
        )
    age_every_file(media_root)
    clean_up()

    assert response.status_code == 302
    assert len(stored_files(media_root, replaced)) == 7
    assert len(stored_files(media_root, in_the_body)) == 7

    call_command("deleterevisions", "blog.post", stdout=io.StringIO())
    clean_up()

    assert stored_files(media_root, replaced) == []
    assert stored_files(media_root, in_the_body) == []
    illustrated.refresh_from_db()
    assert stored_files(media_root, illustrated.featured_image.name)  # the one shown now


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_servers_cleaning_up_at_once_delete_and_count_each_image_once(media_root, monkeypatch):
    names = [dropped_into_the_editor(media_root, days_ago=2) for _ in range(3)]
    delete = FileSystemStorage.delete

    def slowly(storage, name):
        time.sleep(0.05)  # the first runner still holds the job when the second starts
        delete(storage, name)

    monkeypatch.setattr(FileSystemStorage, "delete", slowly)

    outputs = sorted(at_once(clean_up, clean_up), key=len)

    assert outputs[0] == "Skipped delete_unused_images: another server is running it.\n"
    assert outputs[1].endswith("Deleted 3 unused image(s), with their smaller copies.\n")
    assert [stored_files(media_root, name) for name in names] == [[], [], []]
